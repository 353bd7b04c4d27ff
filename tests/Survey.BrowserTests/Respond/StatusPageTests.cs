using Xunit.Abstractions;

namespace Survey.BrowserTests.Respond;

/// <summary>The pages of refused requests (400, 404, 405, 413, 429, 500) are accessible like every other page.</summary>
[Collection(SharedBrowser.Name)]
public sealed class StatusPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task StatusPages_EveryCode_HaveNoAxeViolations()
    {
        await using var context = await browser.NewContextAsync("nl-NL");
        var page = await context.NewPageAsync();
        var axe = new AxeAudit();

        foreach (var code in new[] { 400, 404, 405, 413, 429, 500 })
        {
            var response = await page.GotoAsync($"/status/{code}");
            Assert.Equal(code, response!.Status);
            await axe.CheckAsync(page, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
    }

    [Fact]
    public async Task QuestionPage_FormOverTheCap_ShowsTooLongPageInLanguageWithWayBack()
    {
        await using var context = await browser.NewContextAsync("en-GB");
        var respondent = new Respondent(await context.NewPageAsync(), SurveyCatalog.OpenSurveyIds[0], "en");
        await respondent.OpenStartPageAsync();
        await respondent.OpenIntroductionAsync();
        await respondent.BeginAsync();
        var page = respondent.Page;
        var questionPath = new Uri(page.Url).AbsolutePath;
        var axe = new AxeAudit();

        // What an attacker (or a broken client) sends: a field far larger than any answer.
        await page.EvaluateAsync("""
            () => {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = 'padding'; input.value = 'x'.repeat(300 * 1024);
                document.querySelector('form#answers').appendChild(input);
            }
            """);
        var status = 0;
        page.Response += (_, response) => status = response.Request.IsNavigationRequest && response.Request.Method == "POST" ? response.Status : status;
        await respondent.LoadAfterAsync(() => page.Locator("form#answers button[name=nav][value=next]").ClickAsync());
        await axe.CheckAsync(page, "413");

        Assert.Equal(413, status);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Your answer is too long", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"main a[href='{questionPath}']").CountAsync());
        axe.AssertNoViolations();
    }
}
