using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Testing;
using Survey.Web.Results;
using Survey.Web.Tests.Pages.Research;

namespace Survey.Web.Tests.Results;

/// <summary>The split test survey: a margin derived from the nationality answer, a finer split, trimming and a second split.</summary>
public sealed class SplitSurveysAppFactory() : SurveyAppFactory(Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "SplitSurveys"));

/// <summary>
/// Results of <c>splittest</c> (tests/Survey.Web.Tests/SplitSurveys): weighting to a margin derived through the nationality
/// mapping, trimming from the targets file, splits by coarse and detailed nationality groups, and those within districts.
/// </summary>
public sealed class SplitResultsTests(SplitSurveysAppFactory app) : IClassFixture<SplitSurveysAppFactory>
{
    private const string SurveyId = "splittest";
    private const int Count = 240;

    // 12 respondents in a row: six Dutch, one German, Polish, French and Indian, one "other, namely" and one "rather not say".
    private static readonly string[] Nationalities = ["nl", "nl", "nl", "nl", "de", "pl", "fr", "in", "nl", "other", "na", "nl"];
    private static readonly HashSet<string> Eu = ["de", "pl", "fr"];

    [Fact]
    public async Task ComputeAsync_DerivedMarginAndTrimming_WeightsMeetTheGroupTargetsWithinTheBounds()
    {
        var nationality = await SeedAsync();

        var snapshot = await ComputeAsync();

        var report = ResultsJson.Report(snapshot);
        Assert.Equal(Count - (Count / 12 * 2), report.Included); // "other" and "rather not say" have no group: not weighted
        Assert.Equal((0.3, 2.5), (report.TrimLower, report.TrimUpper));
        Assert.True(report.TrimmingConverged);
        Assert.Equal(["nationality_group", "nationality_detail"], report.By);
        Assert.Equal(["district"], report.ThenBy);
        var weights = ResultsJson.Weights(snapshot);
        Assert.All(weights.Where(w => nationality[w.Id] is "other" or "na"), w => Assert.Null(w.Weight));
        var weighted = weights.Where(w => w.Weight is not null).ToList();
        Assert.Equal(10000, weighted.Sum(w => w.Weight!.Value), 1e-4);
        Assert.Equal(1000, weighted.Where(w => Eu.Contains(nationality[w.Id])).Sum(w => w.Weight!.Value), 1e-4);
        Assert.Equal(1000, weighted.Where(w => nationality[w.Id] == "in").Sum(w => w.Weight!.Value), 1e-4);
        var mean = weighted.Average(w => w.Weight!.Value);
        Assert.All(weighted, w => Assert.InRange(w.Weight!.Value / mean, 0.3 - 1e-6, 2.5 + 1e-6));
    }

    [Fact]
    public async Task ComputeAsync_Splits_CellsForEachSplitAndEachCombinationWithTheSecondSplit()
    {
        await SeedAsync();

        var snapshot = await ComputeAsync();

        var cells = ResultsJson.Cells(snapshot);
        Assert.Equal(["de", "nl", "non_eu", "other_eu", "pl"], Groups(cells, "nationality_detail", null));
        Assert.Equal(["eu", "nl", "non_eu"], Groups(cells, "nationality_group", null));
        Assert.Equal(["north", "south"], Groups(cells, "district", null));
        Assert.Contains(cells, c => c is { Question: "safe", Option: "yes", By: "nationality_group", ThenBy: "district", Group: "eu", Group2: "north" });
        // Exactly one overall cell per option.
        Assert.Equal(["no", "yes"], cells.Where(c => c is { Question: "safe", By: null }).Select(c => c.Option!).Order(StringComparer.Ordinal));
        Assert.All(cells.Where(c => c.By is null), c => Assert.Equal("all", c.Group));
        Assert.Contains(cells, c => c is { Question: "years", Option: null, By: "nationality_detail", ThenBy: "district", Group: "de", Group2: "south" });
        // One test per question and split, and one per question and combination.
        var tests = ResultsJson.Tests(snapshot).Where(t => t.Question == "safe").Select(t => $"{t.By}/{t.ThenBy}").Order(StringComparer.Ordinal);
        Assert.Equal(["district/", "nationality_detail/", "nationality_detail/district", "nationality_group/", "nationality_group/district"], tests);
    }

    [Fact]
    public async Task ComputeAsync_TargetsAskForKornGraubard_IntervalsOfProportionsUseIt()
    {
        await SeedAsync();

        var snapshot = await ComputeAsync();

        var report = ResultsJson.Report(snapshot);
        Assert.True(report.KornGraubard);
        var cell = ResultsJson.Cells(snapshot).Single(c => c is { Question: "safe", Option: "no", By: null });
        var (lower, upper) = Survey.Statistics.ConfidenceIntervals.KornGraubard(cell.Value!.Value, cell.StandardError!.Value, cell.Base, report.Included);
        Assert.Equal(lower, cell.Lower!.Value, 12);
        Assert.Equal(upper, cell.Upper!.Value, 12);
        var logit = Survey.Statistics.ConfidenceIntervals.Logit(cell.Value.Value, cell.StandardError.Value, cell.Base - 1);
        Assert.NotEqual(logit.Lower, cell.Lower.Value, 6);
    }

    [Fact]
    public async Task ComputeAsync_SecondSplit_NoHiddenCountCanBeRecoveredBySubtraction()
    {
        await SeedAsync();
        var snapshot = await ComputeAsync();

        var anySuppressed = false;
        foreach (var by in new[] { "nationality_group", "nationality_detail" })
        {
            var cells = SnapshotSplits.Cells(snapshot, new SplitChoice(by, "district")).Where(c => c.Option is not null).ToList();
            anySuppressed |= cells.Any(c => c.Suppressed);
            // Every set of counts that adds up to a shown total has none or at least two hidden cells:
            // the options of one group, the groups within one district (with the district's own cell), one group across districts.
            var sets = cells.GroupBy(c => (c.Question, c.Group, c.Group2))
                .Concat(cells.GroupBy(c => (c.Question, c.Option, c.Group2) is var k ? (k.Question, k.Option ?? string.Empty, k.Group2) : default))
                .Concat(cells.GroupBy(c => (c.Question, c.Option ?? string.Empty, (string?)c.Group)));
            foreach (var set in sets)
            {
                Assert.NotEqual(1, set.Count(c => c.Suppressed));
            }
        }
        Assert.True(anySuppressed, "the seed should give cells below the minimum of 5 within districts");
    }

    [Fact]
    public async Task ResultsPage_DetailedGroupsWithinDistricts_ShowsSectionsPerDistrictWithGroupLabels()
    {
        await SeedAsync();
        await ComputeAsync();
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var page = await client.GetAsync($"/en/research/{SurveyId}?by=nationality_detail&then=district");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<th scope=\"col\">German</th>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"rowgroup\" colspan=\"7\">North</th>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"nationality_detail\" selected=\"selected\">Nationality (detailed)</option>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"chart\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("&amp;by=nationality_detail&amp;then=district", page.Html, StringComparison.Ordinal);
        Assert.Contains("95%, Korn–Graubard method", page.Text, StringComparison.Ordinal);

        var single = await client.GetAsync($"/en/research/{SurveyId}");

        Assert.Contains("<option value=\"nationality_group\" selected=\"selected\">Dutch, EU, non-EU</option>", single.Html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Other EU country</th>", single.Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\"", single.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("scope=\"rowgroup\"", single.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_SecondSplit_NamesTheSplitAndLabelsTheGroups()
    {
        await SeedAsync();
        await ComputeAsync();
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var response = await client.Http.GetAsync(new Uri($"/en/research/{SurveyId}?handler=Download&format=csv&by=nationality_detail&then=district", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("-nationality_detail-district.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains(",German,", csv, StringComparison.Ordinal);
        Assert.Contains(",North", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_OtherNamelyText_InMicrodataJsonAndCodebookButNotInCrosstabs()
    {
        var nationality = await SeedAsync();
        await ComputeAsync();
        var client = await ResearcherSignIn.SignedInAsync(app, "en");
        string Url(string format) => $"/en/research/{SurveyId}?handler=Download&format={format}";

        var microdata = (await client.Http.GetStringAsync(Url("microdata"))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var json = await client.Http.GetStringAsync(Url("json"));
        var codebook = await client.Http.GetStringAsync(Url("codebook"));
        var crosstabs = await client.Http.GetStringAsync(Url("csv")) + await client.Http.GetStringAsync(Url("csv-nl"));

        var column = Array.IndexOf(microdata[0], "nationality_other");
        Assert.True(column > 0, string.Join(",", microdata[0]));
        Assert.Equal(nationality.Count(n => n.Value == "other"), microdata.Skip(1).Count(r => r[column] == "Greek"));
        Assert.Contains("\"nationality_other\": \"Greek\"", json, StringComparison.Ordinal);
        Assert.Contains("nationality_other,nationality,other,other_text,,", codebook, StringComparison.Ordinal);
        Assert.Contains("Not in the crosstabs", codebook, StringComparison.Ordinal);
        Assert.DoesNotContain("Greek", crosstabs, StringComparison.Ordinal);
        Assert.DoesNotContain("nationality_other", crosstabs, StringComparison.Ordinal);
    }

    private static List<string> Groups(IReadOnlyList<ResultCell> cells, string by, string? thenBy) =>
        [.. cells.Where(c => c.By == by && c.ThenBy == thenBy).Select(c => c.Group).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Replaces the responses by <see cref="Count"/> made-up ones; returns each response's nationality by id.</summary>
    private async Task<Dictionary<Guid, string>> SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await db.Responses.Where(r => r.SurveyId == SurveyId).ExecuteDeleteAsync();
        var nationality = new Dictionary<Guid, string>();
        for (var i = 0; i < Count; i++)
        {
            var response = new SurveyResponse
            {
                Id = Guid.NewGuid(), SurveyId = SurveyId, SurveyVersion = 1, Language = "en", CompletedOn = new DateOnly(2026, 11, 21),
            };
            nationality[response.Id] = Nationalities[i % Nationalities.Length];
            (string Question, string? Code, string? Text)[] answers =
            [
                ("age", i % 5 < 2 ? "young" : "old", null),
                ("nationality", Nationalities[i % Nationalities.Length], Nationalities[i % Nationalities.Length] == "other" ? "Greek" : null),
                ("district", i % 3 == 0 ? "north" : "south", null),
                ("safe", i % 7 == 0 ? "no" : "yes", null),
                ("years", null, (i % 30).ToString(CultureInfo.InvariantCulture)),
            ];
            foreach (var (question, code, text) in answers)
            {
                response.Answers.Add(new ResponseAnswer { QuestionId = question, Code = code, Text = text });
            }
            db.Responses.Add(response);
        }
        await db.SaveChangesAsync();
        return nationality;
    }

    private async Task<ResultSnapshot> ComputeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
        var runId = await runner.QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
        var outcome = await runner.RunAsync(runId, CancellationToken.None);
        var run = await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().ResultRuns.SingleAsync(r => r.Id == runId);
        Assert.True(outcome.Succeeded, run.Error);
        return (await scope.ServiceProvider.GetRequiredService<ResultsQueries>().LatestSnapshotAsync(SurveyId))!;
    }
}
