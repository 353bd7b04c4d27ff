using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Survey.Statistics;
using Survey.Data;
using Survey.Web.Jobs;
using Survey.Web.Results;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>One time zone (Europe/Amsterdam) and the page's language on the researcher pages and in their downloads.</summary>
[Collection(ResultsFixtureGroup.Name)]
public sealed class ResearchTimeAndLanguageTests(ResultsAppFactory app)
{
    private const string SurveyId = ResultsAppFactory.SurveyId;
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task Results_EnglishPage_ShowsBritishDateInAmsterdamTimeAndNamesTheZone()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var local = TimeZoneInfo.ConvertTime(snapshot.ComputedAt, Amsterdam);
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var page = await client.GetAsync($"/en/research/{SurveyId}");
        var index = await client.GetAsync("/en/research");

        var british = local.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
        Assert.True(page.Contains($"Computed on {british} from 60 completed responses"), page.Text);
        Assert.True(index.Contains($"Computed on {british} from 60 completed responses"), index.Text);
        Assert.True(page.Contains("All times are Amsterdam time (Europe/Amsterdam)."));
        Assert.True(index.Contains("All times are Amsterdam time (Europe/Amsterdam)."));
        Assert.DoesNotContain(local.ToString("M/d/yyyy", CultureInfo.InvariantCulture), page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_DutchPage_ShowsDayMonthYearInDutch()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var local = TimeZoneInfo.ConvertTime(snapshot.ComputedAt, Amsterdam);
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");

        var page = await client.GetAsync($"/nl/research/{SurveyId}");

        Assert.True(page.Contains($"Berekend op {local.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("nl-NL"))} met 60"), page.Text);
        Assert.True(page.Contains("Alle tijden zijn Nederlandse tijd (Europe/Amsterdam)."));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("microdata")]
    [InlineData("xlsx")]
    public async Task Download_FileName_HasAmsterdamTimeAndNamesTheZone(string format)
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var local = TimeZoneInfo.ConvertTime(snapshot.ComputedAt, Amsterdam);
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        using var response = await client.Http.GetAsync($"/en/research/{SurveyId}?handler=Download&format={format}");

        var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"');
        Assert.StartsWith($"{SurveyId}-v3-{local:yyyyMMdd-HHmm}-amsterdam", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_Json_ComputedAtIsAmsterdamTimeWithItsOffset()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var local = TimeZoneInfo.ConvertTime(snapshot.ComputedAt, Amsterdam);
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        await using var stream = await client.Http.GetStreamAsync($"/en/research/{SurveyId}?handler=Download&format=json");
        using var json = await JsonDocument.ParseAsync(stream);

        Assert.Equal(local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), json.RootElement.GetProperty("computed_at").GetString());
    }

    [Fact]
    public async Task Download_DutchExcelCsvFromEnglishPage_HasEnglishLabels()
    {
        await app.SeedAsync(60);
        await ComputeAsync();
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var csv = await client.Http.GetStringAsync($"/en/research/{SurveyId}?handler=Download&format=csv-nl");

        Assert.Contains(";Do you feel safe?;", csv, StringComparison.Ordinal);
        Assert.Contains(";Total;", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Voelt u zich veilig?", csv, StringComparison.Ordinal);
        Assert.Contains(";0,", csv, StringComparison.Ordinal); // still the Dutch Excel dialect: semicolons and decimal commas
    }

    [Fact]
    public async Task Results_FailedRun_ShowsTheReasonInThePagesLanguage()
    {
        await app.SeedAsync(60, without: "non_eu");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
            var runId = await runner.QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
            Assert.False((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
            var run = (await scope.ServiceProvider.GetRequiredService<ResultsQueries>().RunAsync(runId))!;
            Assert.Equal(("no_respondent", """["nationality_group","non_eu"]"""), (run.ErrorKey, run.ErrorArguments));
            Assert.StartsWith("no respondent in nationality_group 'non_eu': weighting needs at least one", run.Error, StringComparison.Ordinal);
        }
        var dutch = await ResearcherSignIn.SignedInAsync(app, "nl");
        var english = await ResearcherSignIn.SignedInAsync(app, "en");

        var nl = await dutch.GetAsync($"/nl/research/{SurveyId}");
        var en = await english.GetAsync($"/en/research/{SurveyId}");

        Assert.True(nl.Contains("Fout: geen respondent in nationality_group 'non_eu': de weging heeft er minstens één nodig"), nl.Text);
        Assert.False(nl.Contains("weighting needs at least one"));
        Assert.True(en.Contains("Error: no respondent in nationality_group 'non_eu': weighting needs at least one"), en.Text);
    }

    [Fact]
    public async Task Results_InterruptedRunStoredWithoutKey_ShowsTheReasonInDutch()
    {
        // As runs were stored before migration 20261208000000: the English text only.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            db.ResultRuns.Add(new ResultRun { SurveyId = SurveyId, State = ResultRunState.Failed, Attempt = 1, Error = InterruptedRuns.Error, FinishedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");

        var page = await client.GetAsync($"/nl/research/{SurveyId}");

        Assert.True(page.Contains("onderbroken: het platform is tijdens deze berekening opnieuw gestart"), page.Text);
    }

    [Fact]
    public async Task TranslateOlderRow_EnglishTextOfEveryKindOfReason_HasADutchText()
    {
        await app.SeedAsync(0);
        string noResponses;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
            var runId = await runner.QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
            Assert.False((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
            noResponses = (await scope.ServiceProvider.GetRequiredService<ResultsQueries>().RunAsync(runId))!.Error!;
        }
        string[] reasons =
        [
            noResponses,
            new UnknownMarginCategoryException("gender", "x", 3).Message,
            new RakingDidNotConvergeException(50, 0.0123, "age_band", "18-24").Message,
            InterruptedRuns.Error,
            RunErrors.ShutDown.English,
            "stopped because the platform shut down; request a new run",
        ];
        var localizer = app.Services.GetRequiredService<IStringLocalizer>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl");
        try
        {
            var dutch = reasons.Select(r => RunErrors.TranslateOlderRow(localizer, r)).ToList();

            Assert.All(dutch, d => Assert.DoesNotContain("technische fout", d, StringComparison.Ordinal));
            Assert.Equal($"enquête '{SurveyId}' heeft nog geen ingevulde enquêtes voor versie 3", dutch[0]);
            Assert.Equal("marge 'gender': 3 respondent(en) hebben 'x', en dat is geen categorie van de populatiecijfers", dutch[1]);
            Assert.StartsWith("technische fout (meld deze alstublieft): InvalidOperationException: boom", RunErrors.TranslateOlderRow(localizer, "InvalidOperationException: boom"), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private async Task<ResultSnapshot> ComputeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
        var runId = await runner.QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
        Assert.True((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<ResultsQueries>().LatestSnapshotAsync(SurveyId))!;
    }
}
