using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Definitions;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// <c>survey letters --sample WAVE --out letters.html [--languages nl,en] [--reminder] [--public-url URL] [--database PATH]
/// [--surveys DIR] [--locales DIR]</c>: print-ready letters (<see cref="LetterPage"/>) for a drawn sample, one A4 page per
/// address. The access codes are recomputed from the key file beside the database (never stored). Addresses whose
/// invitation was already answered are left out (their code opens nothing any more), so a later run with
/// <c>--reminder</c> prints reminder letters for the non-responders only. Printed invitations are marked mailed.
/// The number of letters is the last line of the output. Exit: 0 written, 1 refused, 2 usage.
/// </summary>
internal static class LettersCommand
{
    public const string Usage = "usage: survey letters --sample WAVE --out letters.html [--languages nl,en] [--reminder] [--public-url URL] [--database PATH] [--surveys DIR] [--locales DIR]";

    public static async Task<int> RunAsync(string[] args, PaperContext context)
    {
        var positional = new List<string>();
        var options = context.Parse(args, Usage,
            new HashSet<string> { "--sample", "--out", "--languages", "--public-url", "--database", "--surveys", "--locales" },
            new HashSet<string> { "--reminder" }, positional);
        if (options is null)
        {
            return 2;
        }
        if (positional.Count > 0 || !options.TryGetValue("--sample", out var sampleText) || !options.TryGetValue("--out", out var outPath))
        {
            context.Error.WriteLine(Usage);
            return 2;
        }
        if (!int.TryParse(sampleText, NumberStyles.None, CultureInfo.InvariantCulture, out var waveId))
        {
            return context.Fail($"--sample must be the sample's id (a number, printed by sample draw), not '{sampleText}'", 2);
        }
        var publicUrl = context.Setting(options.GetValueOrDefault("--public-url"), "PublicUrl", isPath: false)?.TrimEnd('/');
        if (publicUrl is null || !Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return context.Fail($"the public address '{publicUrl}' is not an http(s) address (setting Survey:PublicUrl, or --public-url URL)", 2);
        }
        var localesFolder = context.Setting(options.GetValueOrDefault("--locales"), "LocalesPath", isPath: true);
        var locales = localesFolder is null ? null : LocaleCatalog.LoadDirectory(localesFolder);
        if (locales is null || !locales.IsValid)
        {
            return context.Fail($"the locale files in '{localesFolder}' cannot be used (run survey validate; or give the folder with --locales DIR)");
        }
        var languages = options.GetValueOrDefault("--languages", "nl,en").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var missing = languages.Where(l => !locales.Texts.ContainsKey(l)).ToList();
        if (languages.Length == 0 || missing.Count > 0)
        {
            return context.Fail($"no locale file for {string.Join(", ", missing)} (languages with one: {string.Join(", ", locales.Texts.Keys)})", 2);
        }
        var database = context.Database(options.GetValueOrDefault("--database"));
        if (database is null)
        {
            return 1;
        }

        var db = await PaperContext.OpenAsync(database).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var wave = await db.Waves.FirstOrDefaultAsync(w => w.Id == waveId && w.Kind == WaveKind.Letters).ConfigureAwait(false);
            if (wave is null)
            {
                return context.Fail($"no letter sample {waveId} (the id printed by survey sample draw)");
            }
            var survey = context.Survey(options.GetValueOrDefault("--surveys"), wave.SurveyId);
            if (survey is null)
            {
                return 1;
            }
            var invitations = await db.Invitations
                .Where(i => i.WaveId == wave.Id && i.FrameUnitId != null && i.Status != InvitationStatus.Answered && i.Status != InvitationStatus.OptedOut)
                .Join(db.FrameUnits, i => i.FrameUnitId, u => u.Id, (i, u) => new { Invitation = i, Unit = u })
                .OrderBy(x => x.Unit.Id)
                .ToListAsync().ConfigureAwait(false);
            var skipped = await db.Invitations.CountAsync(i => i.WaveId == wave.Id).ConfigureAwait(false) - invitations.Count;

            var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(database));
            var titles = survey.Title.ByLanguage;
            var page = new LetterPage(locales.Texts, languages, publicUrl);
            var letters = invitations.Select(x => new LetterPage.Letter(
                x.Unit.AddressLine.Split(" | "),
                tokens.LetterCode(wave.Id, x.Unit.Id),
                titles,
                wave.ClosesOn));
            var outFile = Path.GetFullPath(outPath);
            Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
            using (var writer = new StreamWriter(outFile, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                page.Write(writer, letters, context.Today(), options.ContainsKey("--reminder"));
            }

            var now = context.Clock.GetUtcNow();
            foreach (var x in invitations.Where(x => x.Invitation.Status == InvitationStatus.Created))
            {
                x.Invitation.Status = InvitationStatus.Mailed;
                x.Invitation.MailedAt = now;
            }
            await db.SaveChangesAsync().ConfigureAwait(false);
            context.Out.WriteLine($"survey letters: {invitations.Count} letter(s) for sample {wave.Id} ({survey.Id}) written to {outFile}{(skipped > 0 ? $"; {skipped} answered or opted out, left out" : string.Empty)}");
            context.Out.WriteLine(invitations.Count.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
    }
}
