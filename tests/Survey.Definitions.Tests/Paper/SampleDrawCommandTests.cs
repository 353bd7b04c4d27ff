using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Cli.Commands.Paper;
using Survey.Data;

namespace Survey.Definitions.Tests.Paper;

public sealed class SampleDrawCommandTests : IDisposable
{
    private readonly PaperCli _cli = new();

    /// <summary>100 addresses: 50 in Merenwijk, 30 in Stevenshof, 20 in Leiden-Noord, with mixed age bands.</summary>
    private Task<int> ImportHundredAsync() => _cli.ImportAsync(
        Enumerable.Range(0, 100).Select(i => (i < 50 ? "merenwijk" : i < 80 ? "stevenshof" : "leiden-noord", i % 2 == 0 ? "25-39" : "65+")));

    private async Task<int> DrawAsync(params string[] args)
    {
        var (exit, output, error) = await _cli.SampleAsync(["draw", "--survey", "stadsenquete", .. args]);
        Assert.True(exit == 0, error);
        return int.Parse(PaperCli.LastLine(output), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<long>> DrawnUnitsAsync(int waveId)
    {
        await using var db = _cli.Context();
        return await db.Invitations.Where(i => i.WaveId == waveId).Select(i => i.FrameUnitId!.Value).OrderBy(i => i).ToListAsync();
    }

    [Fact]
    public async Task Draw_ByDistrict_CreatesLetterWaveWithProportionalLargestRemainderAllocation()
    {
        await ImportHundredAsync();

        var waveId = await DrawAsync("--n", "15", "--stratify", "district", "--seed", "2027", "--closes", "2027-01-31");

        await using var db = _cli.Context();
        var wave = await db.Waves.SingleAsync(w => w.Id == waveId);
        Assert.Equal(("stadsenquete", WaveKind.Letters, "district", new DateOnly(2027, 1, 31)), (wave.SurveyId, wave.Kind, wave.StratifyBy, wave.ClosesOn));
        // Quotas 7.5, 4.5, 3: floors 7, 4, 3; the one place left goes to the larger remainder, tied, so to the first code.
        var byStratum = await db.Invitations.Where(i => i.WaveId == waveId).GroupBy(i => i.Stratum!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(new Dictionary<string, int> { ["leiden-noord"] = 3, ["merenwijk"] = 8, ["stevenshof"] = 4 }, byStratum);
        var invitations = await db.Invitations.Where(i => i.WaveId == waveId).Join(db.FrameUnits, i => i.FrameUnitId, u => u.Id, (i, u) => new { i, u }).ToListAsync();
        Assert.All(invitations, x =>
        {
            Assert.Equal(x.u.District, x.i.Stratum);
            Assert.Equal("nl", x.i.Language);
            Assert.Equal(InvitationStatus.Created, x.i.Status);
            Assert.Equal(PersonalTokens.Hash(_cli.Tokens.AccessCode("letter", $"{waveId}:{x.u.Id}")), x.i.TokenHash);
        });
        using var selection = JsonDocument.Parse(wave.SelectionJson);
        Assert.Equal("2027", selection.RootElement.GetProperty("seed").GetString());
        Assert.Equal(15, selection.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(8, selection.RootElement.GetProperty("allocation").GetProperty("merenwijk").GetInt32());
    }

    [Fact]
    public async Task Draw_SameSeedTwice_DrawsTheSameAddresses_AnotherSeedOthers()
    {
        await ImportHundredAsync();

        var first = await DrawnUnitsAsync(await DrawAsync("--n", "20", "--stratify", "district", "--seed", "41"));
        var again = await DrawnUnitsAsync(await DrawAsync("--n", "20", "--stratify", "district", "--seed", "41"));
        var other = await DrawnUnitsAsync(await DrawAsync("--n", "20", "--stratify", "district", "--seed", "42"));

        Assert.Equal(20, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public async Task Draw_ByAgeBand_StratifiesByTheAgeBand()
    {
        await ImportHundredAsync();

        var waveId = await DrawAsync("--n", "9", "--stratify", "age_band", "--seed", "7");

        await using var db = _cli.Context();
        var strata = await db.Invitations.Where(i => i.WaveId == waveId).Select(i => i.Stratum).ToListAsync();
        Assert.Equal(5, strata.Count(s => s == "25-39"));
        Assert.Equal(4, strata.Count(s => s == "65+"));
    }

    [Theory]
    [InlineData("--n 101 --stratify district", "--n 101 is more than the 100 address(es)")]
    [InlineData("--n 5 --stratify nationality", "unknown stratify field 'nationality'")]
    [InlineData("--n 5 --survey nosuchsurvey", "unknown survey 'nosuchsurvey'")]
    public async Task Draw_BadRequest_ExitsOneWithMessageAndWritesNothing(string args, string message)
    {
        await ImportHundredAsync();
        var split = args.Split(' ');
        var surveyArgs = split.Contains("--survey") ? Array.Empty<string>() : ["--survey", "stadsenquete"];

        var (exit, _, error) = await _cli.SampleAsync(["draw", .. surveyArgs, .. split]);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        await using var db = _cli.Context();
        Assert.Equal(0, await db.Waves.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
        Assert.False(File.Exists(Survey.Data.PersonalTokens.KeyPathFor(_cli.Database)));
    }

    [Fact]
    public void Allocate_AnySizes_SumsToNAndStaysWithinOneOfTheQuota()
    {
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var sizes = Enumerable.Range(0, random.Next(1, 11)).ToDictionary(i => $"s{i}", _ => random.Next(0, 500));
            var total = sizes.Values.Sum();
            var n = random.Next(0, total + 1);

            var allocation = StratifiedDraw.Allocate(sizes, n);

            Assert.Equal(n, allocation.Values.Sum());
            Assert.All(sizes, s =>
            {
                var quota = total == 0 ? 0 : (double)n * s.Value / total;
                Assert.InRange(allocation[s.Key], Math.Floor(quota), Math.Ceiling(quota));
                Assert.True(allocation[s.Key] <= s.Value);
            });
        }
    }

    public void Dispose() => _cli.Dispose();
}
