using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Cli.Commands.Paper;

/// <summary>
/// <c>survey sample draw --survey ID --n N [--stratify district|age_band] [--seed S] [--frame F] [--closes DATE]
/// [--database PATH] [--surveys DIR]</c>: draws a stratified random sample of N addresses from a sample frame (the latest
/// import unless <c>--frame</c>; <see cref="StratifiedDraw"/>) and creates, in one transaction, a letter wave
/// (<see cref="WaveKind.Letters"/>, the selection and seed in <see cref="Wave.SelectionJson"/>) with one invitation per
/// drawn address, whose access code is derived from the key file beside the database and stored only as a hash. The
/// wave's id (the sample's id for <c>letters --sample</c>) is the last line of the output. Exit: 0 drawn, 1 refused, 2 usage.
/// </summary>
internal static class SampleDrawCommand
{
    public const string Usage = "usage: survey sample draw --survey ID --n N [--stratify district|age_band] [--seed S] [--frame F] [--closes YYYY-MM-DD] [--database PATH] [--surveys DIR]";

    /// <summary>The frame fields a sample can be stratified by (the names used everywhere: PANEL.md).</summary>
    public static readonly IReadOnlyDictionary<string, Func<FrameUnit, string>> Fields = new Dictionary<string, Func<FrameUnit, string>>(StringComparer.Ordinal)
    {
        ["district"] = u => u.District,
        ["age_band"] = u => u.AgeBand,
    };

    /// <summary>How long codes work when <c>--closes</c> is not given.</summary>
    public const int DefaultOpenDays = 42;

    public static async Task<int> RunAsync(string[] args, PaperContext context)
    {
        var positional = new List<string>();
        var options = context.Parse(args, Usage, new HashSet<string> { "--survey", "--n", "--stratify", "--seed", "--frame", "--closes", "--database", "--surveys" }, new HashSet<string>(), positional);
        if (options is null)
        {
            return 2;
        }
        if (positional.Count > 0 || !options.TryGetValue("--survey", out var surveyId) || !options.TryGetValue("--n", out var nText))
        {
            context.Error.WriteLine(Usage);
            return 2;
        }
        if (!int.TryParse(nText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return context.Fail($"--n must be a whole number of at least 1, not '{nText}'", 2);
        }
        var stratify = options.GetValueOrDefault("--stratify");
        if (stratify is not null && !Fields.ContainsKey(stratify))
        {
            return context.Fail($"unknown stratify field '{stratify}' (a sample frame has: {string.Join(", ", Fields.Keys)})");
        }
        int? frameId = null;
        if (options.TryGetValue("--frame", out var frameText))
        {
            if (!int.TryParse(frameText, NumberStyles.None, CultureInfo.InvariantCulture, out var f))
            {
                return context.Fail($"--frame must be a frame id (a number), not '{frameText}'", 2);
            }
            frameId = f;
        }
        var today = context.Today();
        var closes = today.AddDays(DefaultOpenDays);
        if (options.TryGetValue("--closes", out var closesText)
            && !DateOnly.TryParseExact(closesText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out closes))
        {
            return context.Fail($"--closes must be a date as YYYY-MM-DD, not '{closesText}'", 2);
        }
        if (closes < today)
        {
            return context.Fail($"--closes {closes:yyyy-MM-dd} is in the past");
        }
        var seed = options.GetValueOrDefault("--seed") ?? RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var survey = context.Survey(options.GetValueOrDefault("--surveys"), surveyId);
        if (survey is null)
        {
            return 1;
        }
        var database = context.Database(options.GetValueOrDefault("--database"));
        if (database is null)
        {
            return 1;
        }

        var db = await PaperContext.OpenAsync(database).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var frame = frameId is { } id
                ? await db.SampleFrames.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id).ConfigureAwait(false)
                : await db.SampleFrames.AsNoTracking().OrderByDescending(f => f.Id).FirstOrDefaultAsync().ConfigureAwait(false);
            if (frame is null)
            {
                return context.Fail(frameId is null ? "no sample frame imported yet (survey sample import FILE)" : $"no sample frame {frameId}");
            }
            var units = await db.FrameUnits.AsNoTracking().Where(u => u.FrameId == frame.Id).OrderBy(u => u.Id).ToListAsync().ConfigureAwait(false);
            if (n > units.Count)
            {
                return context.Fail($"--n {n} is more than the {units.Count} address(es) of frame {frame.Id}: nothing drawn");
            }
            var stratumOf = stratify is null ? (_ => "all") : Fields[stratify];
            var strata = units.GroupBy(stratumOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var allocation = StratifiedDraw.Allocate(strata.ToDictionary(s => s.Key, s => s.Value.Count, StringComparer.Ordinal), n);
            var byId = units.ToDictionary(u => u.Id);
            var drawn = allocation.SelectMany(a => StratifiedDraw.Pick(strata[a.Key].Select(u => u.Id), a.Value, seed).Select(u => (Stratum: a.Key, Unit: byId[u]))).ToList();

            var tokens = PersonalTokens.LoadOrCreate(PersonalTokens.KeyPathFor(database));
            var now = context.Clock.GetUtcNow();
            var selection = JsonSerializer.Serialize(new
            {
                kind = "letters",
                frame = frame.Id,
                frameSource = frame.Source,
                frameSize = units.Count,
                n,
                stratify,
                seed,
                method = "proportional allocation, largest remainder (ties by stratum code); within a stratum the smallest sha256(\"{seed}:{frameUnitId}\")",
                allocation,
                strata = strata.ToDictionary(s => s.Key, s => s.Value.Count, StringComparer.Ordinal),
            });
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            var wave = new Wave
            {
                SurveyId = survey.Id,
                Kind = WaveKind.Letters,
                SelectionJson = selection,
                StratifyBy = stratify,
                SendAt = now,
                ReminderDays = string.Empty,
                ClosesOn = closes,
                CreatedAt = now,
                CreatedBy = "cli",
            };
            db.Waves.Add(wave);
            await db.SaveChangesAsync().ConfigureAwait(false);
            db.Invitations.AddRange(drawn.Select(d => new Invitation
            {
                WaveId = wave.Id,
                FrameUnitId = d.Unit.Id,
                Stratum = stratify is null ? null : d.Stratum,
                Language = "nl",
                TokenHash = PersonalTokens.Hash(tokens.LetterCode(wave.Id, d.Unit.Id)),
                Status = InvitationStatus.Created,
            }));
            await db.SaveChangesAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);

            context.Out.WriteLine($"survey sample draw: {n} of {units.Count} address(es) of frame {frame.Id} drawn for survey '{survey.Id}' (seed {seed}), codes work until {closes:yyyy-MM-dd}");
            foreach (var (stratum, count) in allocation)
            {
                context.Out.WriteLine(FormattableString.Invariant($"  {stratum}: {count} of {strata[stratum].Count}"));
            }
            context.Out.WriteLine(wave.Id.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
    }
}
