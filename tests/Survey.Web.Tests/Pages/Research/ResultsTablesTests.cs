using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Results;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>
/// Results tables without a browser: each sits in a box that can scroll sideways; without script, boxes of tables with four
/// or more columns are Tab stops named by their heading and two-column tables are not; the page may run its one script
/// from <c>/js</c>, respondent pages run none.
/// </summary>
[Collection(ResultsFixtureGroup.Name)]
public sealed partial class ResultsTablesTests(ResultsAppFactory app)
{
    [Fact]
    public async Task Results_TableBoxes_ScrollInsideAndOnlyWideOnesAreTabStopsWithoutScript()
    {
        await app.SeedAsync(60);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<ResultsRunner>();
            var runId = await runner.QueueAsync(ResultsAppFactory.SurveyId, Data.ResultRunTrigger.OnDemand, CancellationToken.None);
            Assert.True((await runner.RunAsync(runId, CancellationToken.None)).Succeeded);
        }
        var client = await ResearcherSignIn.SignedInAsync(app, "en");

        var page = await client.GetAsync($"/en/research/{ResultsAppFactory.SurveyId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(
            "<div class=\"table-scroll table-fit\" data-labelledby=\"t-safe-h\" tabindex=\"0\" role=\"group\" aria-labelledby=\"t-safe-h\">",
            page.Html, StringComparison.Ordinal);
        var targets = TargetsBox().Match(page.Html);
        Assert.True(targets.Success, "No box around a targets table.");
        Assert.DoesNotContain("tabindex", targets.Value, StringComparison.Ordinal);
        Assert.Contains($"<caption id=\"{targets.Groups[1].Value}\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/results-tables.js\" defer></script>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_ContentSecurityPolicy_AllowsOwnScriptOnlyThereNotForRespondents()
    {
        var client = await ResearcherSignIn.SignedInAsync(app, "nl");

        var results = await client.Http.GetAsync(new Uri($"/nl/research/{ResultsAppFactory.SurveyId}", UriKind.Relative));
        var script = await client.Http.GetAsync(new Uri("/js/results-tables.js", UriKind.Relative));
        var respondent = await client.Http.GetAsync(new Uri($"/nl/{ResultsAppFactory.SurveyId}", UriKind.Relative));

        Assert.Contains("script-src 'self'", Assert.Single(results.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("scrollWidth", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", Assert.Single(respondent.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [GeneratedRegex("<div class=\"table-scroll table-fit\" data-labelledby=\"(targets-[a-z_]+)\"[^>]*>")]
    private static partial Regex TargetsBox();
}
