using Xunit.Abstractions;

namespace Survey.BrowserTests.Respond;

/// <summary>
/// Each shipped survey taken from the start page to the done page in a real browser, switching language halfway,
/// with axe-core run on every page seen (start, introduction, each question page, an error page, check answers, done).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class SurveyCompletionTests(BrowserFixture browser, ITestOutputHelper output)
{
    public static TheoryData<string> Surveys => SurveyCatalog.Ids();

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Survey_CompletedInDutchSwitchingToEnglish_HasNoAxeViolations(string surveyId)
    {
        var axe = new AxeAudit();

        await CompleteAsync(surveyId, "nl", "en", axe);

        WriteLog(axe);
        axe.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Survey_CompletedInEnglishSwitchingToDutch_HasNoAxeViolations(string surveyId)
    {
        var axe = new AxeAudit();

        await CompleteAsync(surveyId, "en", "nl", axe);

        WriteLog(axe);
        axe.AssertNoViolations();
    }

    [Theory]
    [MemberData(nameof(Surveys))]
    public async Task Survey_CompletedWithJavaScriptDisabled_ReachesDonePage(string surveyId) =>
        // The pages have no scripts; this proves nothing relies on them (form posts, language switch, error summary, check page).
        await CompleteAsync(surveyId, "nl", "en", axe: null);

    [Theory]
    [InlineData("nl-NL", "nl")]
    [InlineData("en-GB", "en")]
    public async Task StartPage_AcceptLanguage_ListsEveryOpenShippedSurvey(string locale, string language)
    {
        await using var context = await browser.NewContextAsync(locale);
        var respondent = new Respondent(await context.NewPageAsync(), "", language);

        await respondent.OpenStartPageAsync();

        var links = await respondent.Page.Locator("ul.survey-list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(SurveyCatalog.OpenSurveyIds.Select(id => $"/{language}/{id}").Order(StringComparer.Ordinal),
            links.Order(StringComparer.Ordinal));
    }

    private void WriteLog(AxeAudit axe)
    {
        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// The whole flow. With <paramref name="axe"/> null the context runs without JavaScript (axe-core needs it) and
    /// no screenshots are taken; otherwise the first question page and the error page are saved as screenshots.
    /// </summary>
    private async Task CompleteAsync(string surveyId, string from, string to, AxeAudit? axe)
    {
        var javaScript = axe is not null;
        await using var context = await browser.NewContextAsync(from == "nl" ? "nl-NL" : "en-GB", javaScript);
        var page = await context.NewPageAsync();
        // The browser reports what the Content-Security-Policy blocks (an inline style, a script) as a console error.
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        var respondent = new Respondent(page, surveyId, from);
        var check = axe is null ? (_ => Task.CompletedTask) : (Func<string, Task>)(step => axe.CheckAsync(page, step));
        var suffix = javaScript ? "" : "-nojs";
        var questionsSeen = 0;
        respondent.OnCheckPage = async () =>
        {
            await check("check page");
            if (javaScript)
            {
                await Screenshots.SaveAsync(page, $"{surveyId}-{respondent.Language}-check");
                // The check page on a phone too; the rest of the walk goes on at the width it started with.
                var width = page.ViewportSize!;
                await page.SetViewportSizeAsync(320, 800);
                await check("check page at 320 px");
                await Screenshots.SaveAsync(page, $"{surveyId}-{respondent.Language}-check-320");
                await page.SetViewportSizeAsync(width.Width, width.Height);
            }
            // Every question answered on the way is listed, and a change link comes back here through Continue.
            Assert.Equal(questionsSeen, await page.Locator(".check-row").CountAsync());
            await respondent.FollowAsync(page.Locator(".check-change a").First);
            respondent.AssertOnQuestionPage();
            await respondent.FollowAsync(page.Locator("form#answers button[name=nav][value=next]"));
            Assert.True(respondent.OnCheckPageNow, $"The change link's page did not return to the check page but to {page.Url}.");
            Assert.Equal(questionsSeen, await page.Locator(".check-row").CountAsync());
        };

        await respondent.OpenStartPageAsync();
        await check("start page");
        await respondent.OpenIntroductionAsync();
        await check("introduction");
        await respondent.BeginAsync();
        if (javaScript)
        {
            await Screenshots.SaveAsync(page, $"{surveyId}-{from}-first-question");
        }

        // Switch after filling the middle page: answers on it were typed but not yet sent with Next.
        var switchAfter = Math.Max(1, (await respondent.PageCountAsync() ?? 2) / 2);
        var errorsSeen = false;
        var switched = false;
        for (var step = 1; ; step++)
        {
            Assert.True(step <= 40, $"No done page after {step - 1} pages.");
            var where = $"page {step} '{respondent.PageId}' ({respondent.Language}{suffix})";
            await check(where);

            if (!errorsSeen && await respondent.HasRequiredQuestionAsync())
            {
                await respondent.SubmitExpectingErrorsAsync();
                await check(where + " with error summary");
                if (javaScript)
                {
                    await Screenshots.SaveAsync(page, $"{surveyId}-{respondent.Language}-error-summary");
                }
                errorsSeen = true;
            }

            await SurveyFiller.FillPageAsync(page);

            if (!switched && step >= switchAfter)
            {
                var typed = await SurveyFiller.ReadAnswersAsync(page);
                Assert.NotEmpty(typed);
                await respondent.SwitchLanguageAsync(to);
                Assert.Equal(typed, await SurveyFiller.ReadAnswersAsync(page));
                await check($"page {step} '{respondent.PageId}' after switching to {to}");
                switched = true;
            }

            questionsSeen += await page.Locator("form#answers > .question").CountAsync();
            if (await respondent.NextAsync())
            {
                break;
            }
        }

        Assert.True(switched, "The survey ended before the language switch.");
        await respondent.AssertHtmlLangAsync();
        Assert.Equal(1, await page.Locator("main h1").CountAsync());
        await check("done page");
        Assert.True(consoleErrors.Count == 0, "The browser reported errors:\n" + string.Join("\n", consoleErrors));
    }
}
