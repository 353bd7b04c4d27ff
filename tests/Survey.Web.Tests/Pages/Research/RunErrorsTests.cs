using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Survey.Data;
using Survey.Web.Results;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>
/// A failed run's reason on the researcher page, translated from the key stored with the run (not from its English
/// text, which stays for the audit trail), in Dutch and English.
/// </summary>
[Collection(ResultsFixtureGroup.Name)]
public sealed class RunErrorsTests(ResultsAppFactory app)
{
    private const string SurveyId = ResultsAppFactory.SurveyId;

    [Fact]
    public async Task Results_RunFailedWithKey_ShowsTheKeysTextNotTheStoredEnglish()
    {
        await AddFailedRunAsync(new RunError("no_targets", [SurveyId, SurveyId], "an English text that no template matches"));

        var (nl, en) = await PagesAsync();

        Assert.True(nl.Contains($"Fout: enquête '{SurveyId}' heeft geen populatiecijfers ({SurveyId}.targets.yaml)"), nl.Text);
        Assert.True(en.Contains($"Error: survey '{SurveyId}' has no population targets ({SurveyId}.targets.yaml)"), en.Text);
        Assert.False(nl.Contains("no template matches") || en.Contains("no template matches"));
    }

    [Fact]
    public async Task Results_RunStoppedByShutDown_ShowsTheReasonInDutchAndEnglish()
    {
        // Before the key was stored, this text matched no template and showed as a technical error.
        await AddFailedRunAsync(RunErrors.ShutDown);

        var (nl, en) = await PagesAsync();

        Assert.True(nl.Contains("Fout: onderbroken: het platform werd tijdens deze berekening afgesloten; de berekening wordt opnieuw uitgevoerd"), nl.Text);
        Assert.True(en.Contains("Error: interrupted: the platform shut down during this run; it is run again"), en.Text);
        Assert.False(nl.Contains("technische fout"));
    }

    [Fact]
    public async Task Results_RunWithUnexpectedFault_ShowsATechnicalErrorWithItsText()
    {
        await AddFailedRunAsync(RunErrors.Fault("InvalidOperationException: boom"));

        var (nl, en) = await PagesAsync();

        Assert.True(nl.Contains("Fout: technische fout (meld deze alstublieft): InvalidOperationException: boom"), nl.Text);
        Assert.True(en.Contains("Error: technical error (please report it): InvalidOperationException: boom"), en.Text);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void Keys_EveryReasonTheJobWrites_HasATextInTheLanguage(string language)
    {
        var localizer = app.Services.GetRequiredService<IStringLocalizer>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            Assert.All(RunErrors.Keys, key => Assert.False(localizer["research.run_errors." + key].ResourceNotFound, key));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    // Stored as the results job stores a failure (ResultsRunner.FailAsync): English text, key and values.
    private async Task AddFailedRunAsync(RunError error)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        db.ResultRuns.Add(new ResultRun
        {
            SurveyId = SurveyId, State = ResultRunState.Failed, Attempt = 1, FinishedAt = app.Clock.GetUtcNow(),
            Error = error.English, ErrorKey = error.Key, ErrorArguments = RunErrors.StoredArguments(error),
        });
        await db.SaveChangesAsync();
    }

    private async Task<(HtmlPage Nl, HtmlPage En)> PagesAsync()
    {
        var dutch = await ResearcherSignIn.SignedInAsync(app, "nl");
        var english = await ResearcherSignIn.SignedInAsync(app, "en");
        return (await dutch.GetAsync($"/nl/research/{SurveyId}"), await english.GetAsync($"/en/research/{SurveyId}"));
    }
}
