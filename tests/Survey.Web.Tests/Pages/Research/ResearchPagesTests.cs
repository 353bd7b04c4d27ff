using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Results;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>The researcher pages through the real app; on the results app, whose tests seed responses and compute snapshots.</summary>
[Collection(ResultsFixtureGroup.Name)]
public sealed partial class ResearchPagesTests(ResultsAppFactory app)
{
    private const string Password = ResearcherSignIn.Password;

    [Fact]
    public async Task Index_Anonymous_RedirectsToLoginInPageLanguage()
    {
        var client = RespondentClient.For(app);

        var page = await client.GetAsync("/nl/research");

        Assert.Equal("/nl/research/login", page.Path);
        Assert.Equal("?returnUrl=%2Fnl%2Fresearch", page.Url.Query);
        Assert.True(page.Contains("Inloggen voor onderzoekers"));
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorInDutch()
    {
        var user = await CreateAccountAsync();
        var client = RespondentClient.For(app);
        var login = await client.GetAsync("/nl/research/login");

        var page = await client.PostAsync(login, ("username", user), ("password", "not the password"));

        Assert.Equal("/nl/research/login", page.Path);
        Assert.True(page.Contains("De gebruikersnaam of het wachtwoord klopt niet."));
        Assert.Contains("role=\"alert\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ForeignReturnUrl_GoesToSurveyListInstead()
    {
        var user = await CreateAccountAsync();
        var client = RespondentClient.For(app);
        var login = await client.GetAsync("/en/research/login");

        var page = await client.PostAsync(login, ("username", user), ("password", Password), ("returnUrl", "https://evil.example/"));

        Assert.Equal("/en/research", page.Path);
    }

    [Fact]
    public async Task Index_SignedIn_ListsSurveysWithResponseCounts()
    {
        await app.SeedAsync(36);
        var client = await SignedInAsync("nl");

        var page = await client.GetAsync("/nl/research");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Contains("Weegtest"));
        Assert.Matches(@"Ingevulde enquêtes \(deze versie\)\s+36\b", page.Text);
    }

    [Fact]
    public async Task Logout_SignedIn_LosesAccess()
    {
        var client = await SignedInAsync("en");
        var index = await client.GetAsync("/en/research");

        await client.Http.PostAsync("/en/research/login?handler=Logout", new FormUrlEncodedContent([new("__RequestVerificationToken", index.AntiforgeryToken!)]));
        var again = await client.GetAsync("/en/research");

        Assert.Equal("/en/research/login", again.Path);
    }

    [Fact]
    public async Task Results_NoSnapshot_SaysSoAndOffersRecompute()
    {
        await WithDbAsync(async db =>
        {
            db.ResultSnapshots.RemoveRange(db.ResultSnapshots.Where(s => s.SurveyId == ResultsAppFactory.SurveyId));
            await db.SaveChangesAsync();
        });
        var client = await SignedInAsync("en");

        var page = await client.GetAsync($"/en/research/{ResultsAppFactory.SurveyId}");

        Assert.True(page.Contains("No results have been computed for this survey yet."));
        Assert.True(page.Contains("Recompute now"));
        Assert.DoesNotContain("<svg", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_WithSnapshot_ShowsTablesChartsAndNeverSuppressedNumbers()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var cells = ResultsJson.Cells(snapshot);
        var suppressed = cells.Count(c => c.Suppressed);
        Assert.True(suppressed > 0, "the seed should give some cells below the minimum");
        var client = await SignedInAsync("nl");

        var page = await client.GetAsync($"/nl/research/{ResultsAppFactory.SurveyId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Each table is named by its heading (no caption repeating it).
        Assert.Contains("<h3 id=\"t-safe-h\">Voelt u zich veilig?</h3>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"results\" aria-labelledby=\"t-safe-h\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"t-grid-parks-h\">Eens? &#x2013; Parken</h3>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Buiten de EU</th>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" role=\"img\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page.Html, StringComparison.Ordinal);
        Assert.Equal(suppressed, SuppressedCellPattern().Count(page.Html));
        Assert.True(page.Contains("Rao-Scott-toets"));
    }

    [Theory]
    [InlineData("csv", "text/csv", ".csv")]
    [InlineData("csv-nl", "text/csv", "-excel-nl.csv")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    [InlineData("json", "application/json", ".json")]
    [InlineData("microdata", "text/csv", "-microdata.csv")]
    [InlineData("codebook", "text/csv", "-codebook.csv")]
    [InlineData("sav", "application/x-spss-sav", "-microdata.sav")]
    [InlineData("dta", "application/x-stata-dta", "-microdata.dta")]
    public async Task Download_LatestSnapshot_ReturnsFileOfThatFormat(string format, string contentType, string fileEnd)
    {
        await app.SeedAsync(60);
        await ComputeAsync();
        var client = await SignedInAsync("en");

        using var response = await client.Http.GetAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(fileEnd, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task Download_Csv_HasEveryCellOfTheSnapshotAndBlankSuppressedCells()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var cells = ResultsJson.Cells(snapshot);
        var client = await SignedInAsync("en");

        var csv = await client.Http.GetStringAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format=csv");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("question,question_text,option,option_text,group,group_text,base,count,weighted_count,estimate", lines[0], StringComparison.Ordinal);
        Assert.Equal(cells.Count, lines.Length - 1);
        Assert.Equal(cells.Count(c => c.Suppressed), lines.Count(l => l.TrimEnd('\r').EndsWith(",,,,,,,1,0", StringComparison.Ordinal) || l.TrimEnd('\r').EndsWith(",,,,,,,1,1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Download_Microdata_OneRowPerSnapshotResponseWithWeightsSummingToTotal()
    {
        await app.SeedAsync(60);
        var snapshot = await ComputeAsync();
        var client = await SignedInAsync("en");

        var csv = await client.Http.GetStringAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format=microdata");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal("response_id", header[0]);
        Assert.Equal("weight", header[^1]);
        Assert.Equal(snapshot.ResponseCount, lines.Count - 1);
        var weights = lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]).Where(w => w.Length > 0)
            .Sum(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ResultsJson.Report(snapshot).TargetTotal, weights, 3);
    }

    [Fact]
    public async Task Download_Sav_PsppReadsTheMicrodataRowsAndWeights()
    {
        await app.SeedAsync(60);
        await ComputeAsync();
        var client = await SignedInAsync("en");
        var csv = (await client.Http.GetStringAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format=microdata"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var sav = Path.Combine(Path.GetTempPath(), $"download-{Guid.NewGuid():N}.sav");
        await File.WriteAllBytesAsync(sav, await client.Http.GetByteArrayAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format=sav"));
        try
        {
            // PSPP (Debian pspp, installed by .ci/run) converts the file back to CSV.
            var start = new System.Diagnostics.ProcessStartInfo("pspp-convert") { RedirectStandardError = true, ArgumentList = { sav, sav + ".csv" } };
            using (var pspp = System.Diagnostics.Process.Start(start)!)
            {
                await pspp.WaitForExitAsync();
                Assert.True(pspp.ExitCode == 0, await pspp.StandardError.ReadToEndAsync());
            }
            var read = (await File.ReadAllLinesAsync(sav + ".csv")).Select(l => l.Split(',')).ToList();
            Assert.Equal(csv.Count, read.Count);
            Assert.Equal(csv.Select(r => r[0]), read.Select(r => r[0]));
            Assert.Equal(
                csv.Skip(1).Select(r => r[^1].Length == 0 ? 0 : double.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)),
                read.Skip(1).Select(r => r[^1].Trim().Length == 0 ? 0 : double.Parse(r[^1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            File.Delete(sav);
            File.Delete(sav + ".csv");
        }
    }

    [Fact]
    public async Task Download_WithoutLogin_RedirectsToLogin()
    {
        var client = RespondentClient.For(app);

        var page = await client.GetAsync($"/en/research/{ResultsAppFactory.SurveyId}?handler=Download&format=csv");

        Assert.Equal("/en/research/login", page.Path);
    }

    private Task<string> CreateAccountAsync() => ResearcherSignIn.CreateAccountAsync(app);

    private Task<RespondentClient> SignedInAsync(string language) => ResearcherSignIn.SignedInAsync(app, language);

    private async Task<ResultSnapshot> ComputeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
        var runId = await runner.QueueAsync(ResultsAppFactory.SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
        Assert.True((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<ResultsQueries>().LatestSnapshotAsync(ResultsAppFactory.SurveyId))!;
    }

    private async Task WithDbAsync(Func<SurveyDbContext, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<SurveyDbContext>());
    }

    [GeneratedRegex("<td class=\"suppressed\">(hidden|verborgen)</td>")]
    private static partial Regex SuppressedCellPattern();
}
