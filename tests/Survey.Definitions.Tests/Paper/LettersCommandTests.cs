using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Testing;
using ZXing.Common;
using ZXing.QrCode.Internal;

namespace Survey.Definitions.Tests.Paper;

public sealed partial class LettersCommandTests : IDisposable
{
    private readonly PaperCli _cli = new();

    private async Task<int> DrawFiveAsync()
    {
        await _cli.ImportAsync([("merenwijk", "18-24"), ("merenwijk", "65+"), ("stevenshof", "25-39"), ("leiden-noord", "40-54"), ("morsdistrict", "55-64"), ("morsdistrict", "18-24")]);
        var (exit, output, error) = await _cli.SampleAsync("draw", "--survey", "stadsenquete", "--n", "5", "--stratify", "district", "--seed", "1", "--closes", "2027-01-31");
        Assert.True(exit == 0, error);
        return int.Parse(PaperCli.LastLine(output), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<(long InvitationId, string Code)>> CodesAsync(int waveId)
    {
        await using var db = _cli.Context();
        var tokens = _cli.Tokens;
        return [.. (await db.Invitations.Where(i => i.WaveId == waveId).ToListAsync()).Select(i => (i.Id, tokens.AccessCode("letter", $"{waveId}:{i.FrameUnitId}")))];
    }

    [Fact]
    public async Task Letters_DrawnSample_OnePagePerAddressEachCodeOnceAndTheQrOpensTheCodePage()
    {
        var waveId = await DrawFiveAsync();
        var outFile = _cli.File("out/letters.html");

        var (exit, output, error) = await _cli.LettersAsync("--sample", waveId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outFile);

        Assert.True(exit == 0, error);
        Assert.Equal("5", PaperCli.LastLine(output));
        var html = await File.ReadAllTextAsync(outFile);
        var letters = LetterPattern().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(5, letters.Count);
        Assert.Contains("@page", html, StringComparison.Ordinal);
        Assert.Contains("page-break-after: always", html, StringComparison.Ordinal);
        var codes = await CodesAsync(waveId);
        foreach (var (_, code) in codes)
        {
            Assert.Equal(1, Regex.Count(html, Regex.Escape(PersonalTokens.FormatCode(code))));
            var letter = Assert.Single(letters, l => l.Contains(PersonalTokens.FormatCode(code), StringComparison.Ordinal));
            Assert.Equal($"{PaperCli.PublicUrl}/nl/code/{code}", DecodeQr(letter));
            Assert.Contains("enquete.leiden.nl/nl/code", letter, StringComparison.Ordinal);
            Assert.Contains("Go to enquete.leiden.nl/en/code and type the personal code printed above", letter, StringComparison.Ordinal);
            Assert.Contains("In English", letter, StringComparison.Ordinal);
            Assert.Contains("Stads- en Wijkenquête Leiden", letter, StringComparison.Ordinal);
            Assert.Contains("31 januari 2027", letter, StringComparison.Ordinal);
            Assert.Contains("31 January 2027", letter, StringComparison.Ordinal);
        }
        await using var db = _cli.Context();
        Assert.All(await db.Invitations.Where(i => i.WaveId == waveId).ToListAsync(), i => Assert.Equal(InvitationStatus.Mailed, i.Status));
    }

    [Fact]
    public async Task Letters_AfterSomeAnswered_ReminderRunPrintsNoCodeForTheAnswered()
    {
        var waveId = await DrawFiveAsync();
        var codes = await CodesAsync(waveId);
        await using (var db = _cli.Context())
        {
            var answered = await db.Invitations.SingleAsync(i => i.Id == codes[1].InvitationId);
            answered.Status = InvitationStatus.Answered;
            answered.AnsweredOn = new DateOnly(2026, 12, 20);
            await db.SaveChangesAsync();
        }
        var outFile = _cli.File("reminders.html");

        var (exit, output, error) = await _cli.LettersAsync("--sample", waveId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outFile, "--reminder");

        Assert.True(exit == 0, error);
        Assert.Equal("4", PaperCli.LastLine(output));
        Assert.Contains("1 answered or opted out, left out", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(outFile);
        Assert.Equal(4, LetterPattern().Count(html));
        Assert.DoesNotContain(PersonalTokens.FormatCode(codes[1].Code), html, StringComparison.Ordinal);
        Assert.Contains("Wij hebben uw antwoorden nog niet ontvangen", html, StringComparison.Ordinal);
        Assert.All(codes.Where((_, i) => i != 1), c => Assert.Contains(PersonalTokens.FormatCode(c.Code), html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Letters_ThirdLanguage_NeedsOnlyItsLocaleFile()
    {
        var waveId = await DrawFiveAsync();
        var locales = Directory.CreateDirectory(_cli.File("locales")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Locales, "*.yaml"))
        {
            File.Copy(file, Path.Combine(locales, Path.GetFileName(file)));
        }
        var german = File.ReadAllText(Path.Combine(locales, "en.yaml"))
            .Replace("letters.other_heading: \"In English\"", "letters.other_heading: \"Auf Deutsch\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(locales, "de.yaml"), german);
        var outFile = _cli.File("de.html");

        var (exit, _, error) = await _cli.LettersAsync("--sample", waveId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outFile, "--languages", "nl,en,de", "--locales", locales);

        Assert.True(exit == 0, error);
        var html = await File.ReadAllTextAsync(outFile);
        Assert.Equal(5, Regex.Count(html, "<div class=\"other\" lang=\"de\">"));
        Assert.Contains("Auf Deutsch", html, StringComparison.Ordinal);
        Assert.Contains("enquete.leiden.nl/de/code", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Letters_UnknownSample_ExitsOne()
    {
        var (exit, _, error) = await _cli.LettersAsync("--sample", "99", "--out", _cli.File("x.html"));

        Assert.Equal(1, exit);
        Assert.Contains("no letter sample 99", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.File("x.html")));
    }

    /// <summary>Reads the letter's QR code back from its SVG squares and decodes it with ZXing (independent of QRCoder).</summary>
    private static string DecodeQr(string letter)
    {
        var size = int.Parse(ViewBoxPattern().Match(letter).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int quiet = 4;
        var bits = new BitMatrix(size - (2 * quiet));
        foreach (Match square in SquarePattern().Matches(letter))
        {
            var x = int.Parse(square.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - quiet;
            var y = int.Parse(square.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - quiet;
            bits[x, y] = true;
        }
        var result = new Decoder().decode(bits, null);
        Assert.NotNull(result);
        return result.Text;
    }

    [GeneratedRegex("<section class=\"letter\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex LetterPattern();

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBoxPattern();

    [GeneratedRegex("M(\\d+),(\\d+)h1v1h-1z")]
    private static partial Regex SquarePattern();

    public void Dispose() => _cli.Dispose();
}
