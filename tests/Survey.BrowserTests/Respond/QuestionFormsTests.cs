using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;

namespace Survey.BrowserTests.Respond;

/// <summary>
/// The question patterns of issue 8 in a real browser: the matrix at 320 px and 1280 px, dates typed as day, month and
/// year, the "other, namely" field, the error summary's focus and links, and the back link. axe-core runs on each page.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class QuestionFormsTests(BrowserFixture browser)
{
    private const string Panel = "international-panel";

    // Boxes of the matrix's visible legends, labels and radios as [x, y, width, height].
    private const string MatrixBoxes = """
        () => [...document.querySelectorAll('.matrix-item legend, .matrix-item label, .matrix-item input')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width > 1 && r.height > 1)
            .map(r => [r.x, r.y, r.width, r.height])
        """;

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Matrix_At320And1280px_EveryRadioNamesStatementAndPointAndNothingOverlaps(string language)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB");
        var respondent = await OpenAsync(context, Panel, language);
        var page = respondent.Page;
        var axe = new AxeAudit();
        await AdvanceToAsync(respondent, ".matrix");

        await page.SetViewportSizeAsync(320, 800);
        foreach (var item in await page.Locator(".matrix-item").AllAsync())
        {
            var statement = (await item.Locator("legend").InnerTextAsync()).Trim();
            foreach (var point in await item.Locator(".matrix-point").AllInnerTextsAsync())
            {
                // Playwright computes the accessible name as a screen reader does: the scale point and the statement.
                var radio = page.GetByRole(AriaRole.Radio, new() { Name = $"{point.Trim()} – {statement}", Exact = true });
                Assert.True(await radio.CountAsync() == 1, $"No radio named '{point.Trim()} – {statement}'.");
                Assert.True(await radio.IsVisibleAsync());
            }
        }
        AssertNoOverlap(await page.EvaluateAsync<double[][]>(MatrixBoxes), "at 320 px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The matrix page scrolls sideways at 320 px.");
        await axe.CheckAsync(page, "matrix at 320 px");
        await Screenshots.SaveAsync(page, $"matrix-{language}-320");

        await page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(page, $"matrix-{language}-1280");
        Assert.True(await page.Locator(".matrix-head").First.IsVisibleAsync(), "No column headings on a wide screen.");
        AssertNoOverlap(await page.EvaluateAsync<double[][]>(MatrixBoxes), "at 1280 px");
        // Each radio sits under its column heading: a table, not a zig-zag.
        var aligned = await page.EvaluateAsync<bool>("""
            () => [...document.querySelectorAll('.matrix')].every(m => {
                const heads = [...m.querySelectorAll('.matrix-col')].map(h => h.getBoundingClientRect());
                return [...m.querySelectorAll('.matrix-item')].every(item => [...item.querySelectorAll('input')].every((input, i) => {
                    const r = input.getBoundingClientRect(), x = r.x + r.width / 2;
                    return x >= heads[i].left && x <= heads[i].right;
                }));
            })
            """);
        Assert.True(aligned, "A radio is not under its column heading at 1280 px.");
        await axe.CheckAsync(page, "matrix at 1280 px");
        axe.AssertNoViolations();
    }

    [Theory]
    [InlineData("nl", "De maand moet tussen 1 en 12 liggen.")]
    [InlineData("en", "The month must be between 1 and 12.")]
    public async Task Date_TypedDayMonthYear_IsStoredAsTypedAndAWrongMonthIsNamed(string language, string monthMessage)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB");
        var respondent = await OpenAsync(context, Panel, language);
        var page = respondent.Page;
        await AdvanceToAsync(respondent, ".date-input");
        await SurveyFiller.FillPageAsync(page);
        var axe = new AxeAudit();

        await TypeDateAsync(page, "3", "13", "2024");
        await respondent.FollowAsync(page.Locator("form#answers button[name=nav][value=next]"));

        Assert.Contains(monthMessage, await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await page.Locator(".error-summary a").First.ClickAsync();
        Assert.Equal("f-registration_date-month", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("true", await page.Locator("#f-registration_date-month").GetAttributeAsync("aria-invalid"));
        await axe.CheckAsync(page, "date with an error");
        await page.SetViewportSizeAsync(320, 800);
        await Screenshots.SaveAsync(page, $"date-error-{language}-320");
        await page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(page, $"date-error-{language}-1280");

        await TypeDateAsync(page, "3", "12", "2024");
        await SurveyFiller.FillPageAsync(page);
        await TypeDateAsync(page, "3", "12", "2024");
        var code = new Uri(page.Url).AbsolutePath.Split('/')[3];
        await respondent.NextAsync();

        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var json = await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().Drafts.AsNoTracking()
                .Where(d => d.Token == code).Select(d => d.AnswersJson).SingleAsync();
            var stored = JsonDocument.Parse(json).RootElement.GetProperty("registration_date")[0].GetProperty("Text").GetString();
            Assert.Equal("2024-12-03", stored);
        }
        await respondent.FollowAsync(page.Locator("a.back-link"));
        Assert.Equal(["3", "12", "2024"], await page.Locator("#f-registration_date .date-input input").EvaluateAllAsync<string[]>("fields => fields.map(f => f.value)"));
        axe.AssertNoViolations();
    }

    [Theory]
    [InlineData("nl", true)]
    [InlineData("en", false)]
    public async Task OtherOption_TextField_HasItsOwnNameShowsWhenChosenAndIsRequiredThen(string language, bool javaScript)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB", javaScript);
        var respondent = await OpenAsync(context, Panel, language);
        var page = respondent.Page;
        await AdvanceToAsync(respondent, ".choice + .other-text");
        var block = page.Locator(".choice + .other-text").First;
        var text = block.Locator("input[type=text]");
        var labelText = (await block.Locator("label").InnerTextAsync()).Trim();
        var option = block.Locator("xpath=preceding-sibling::div[1]/input");

        Assert.False(await text.IsVisibleAsync(), "The 'other' text field shows before its option is chosen.");
        await option.CheckAsync();
        Assert.True(await text.IsVisibleAsync(), "The 'other' text field does not show once its option is chosen.");
        var byName = page.GetByRole(AriaRole.Textbox, new() { Name = labelText, Exact = true });
        Assert.Equal(1, await byName.CountAsync());
        Assert.Equal(await text.GetAttributeAsync("id"), await byName.GetAttributeAsync("id"));
        Assert.NotEqual(await option.GetAttributeAsync("id"), await text.GetAttributeAsync("id"));
        // Clicking the text's label puts the cursor in the text; it does not untick the option.
        await block.Locator("label").ClickAsync();
        Assert.True(await option.IsCheckedAsync());
        Assert.Equal(await text.GetAttributeAsync("id"), await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await SurveyFiller.FillPageAsync(page);
        await respondent.FollowAsync(page.Locator("form#answers button[name=nav][value=next]"));

        var link = page.Locator($".error-summary a[href='#{await text.GetAttributeAsync("id")}']");
        Assert.Equal(1, await link.CountAsync());
        Assert.Equal(1, await block.Locator(".field-error").CountAsync());
        Assert.Equal("true", await text.GetAttributeAsync("aria-invalid"));
        await Screenshots.SaveAsync(page, $"other-error-{language}{(javaScript ? "" : "-nojs")}-1280");
    }

    [Theory]
    [InlineData("nl", true)]
    [InlineData("en", false)]
    public async Task ErrorSummary_PageComesBackWithErrors_HasFocusAndEachLinkFocusesAControl(string language, bool javaScript)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB", javaScript);
        var respondent = await OpenAsync(context, SurveyCatalog.OpenSurveyIds[0], language);
        var page = respondent.Page;
        while (!await respondent.HasRequiredQuestionAsync())
        {
            await SurveyFiller.FillPageAsync(page);
            Assert.False(await respondent.NextAsync(), "No page with a required question.");
        }

        await respondent.SubmitExpectingErrorsAsync();

        // The summary is first in main and has focus (autofocus: no script needed).
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.querySelector('main').firstElementChild.className"));
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        foreach (var href in await page.Locator(".error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            await page.Locator($".error-summary a[href='{href}']").ClickAsync();
            var focused = await page.EvaluateAsync<string[]>("() => [document.activeElement.tagName.toLowerCase(), document.activeElement.id]");
            Assert.True(focused[0] is "input" or "select" or "textarea", $"Link {href} focused a <{focused[0]}>, not a control.");
            Assert.Equal(href[1..], focused[1]);
            // The control is marked invalid, and a text field has the error border.
            Assert.Equal("true", await page.Locator(href).GetAttributeAsync("aria-invalid"));
        }
        if (javaScript)
        {
            await Screenshots.SaveAsync(page, $"error-summary-{language}-1280");
            await page.SetViewportSizeAsync(320, 800);
            await Screenshots.SaveAsync(page, $"error-summary-{language}-320");
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Rating_At320px_FitsWithTargetsOfAtLeast24pxAndEndLabelsByTheirPoints(string language)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB");
        var respondent = await OpenAsync(context, "stadsenquete", language);
        var page = respondent.Page;
        await AdvanceToAsync(respondent, ".rating");
        await Screenshots.SaveAsync(page, $"rating-{language}-1280");

        await page.SetViewportSizeAsync(320, 800);
        await Screenshots.SaveAsync(page, $"rating-{language}-320");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "A rating page scrolls sideways at 320 px.");
        var smallest = await page.EvaluateAsync<double>(
            "() => Math.min(...[...document.querySelectorAll('.rating input')].map(i => Math.min(i.getBoundingClientRect().width, i.getBoundingClientRect().height)))");
        Assert.True(smallest >= 24, $"A rating radio is {smallest} px: under the 24 px of WCAG 2.5.8.");
        // Each end label is no further from its end point than the scale is wide.
        var far = await page.EvaluateAsync<double>("""
            () => Math.max(...[...document.querySelectorAll('.rating')].map(r => {
                const box = r.querySelector('.scale').getBoundingClientRect(), labels = r.querySelector('.scale-labels').getBoundingClientRect();
                return Math.max(Math.abs(labels.left - box.left), Math.abs(labels.right - box.right));
            }))
            """);
        Assert.True(far <= 1, $"End labels stick out {far} px beyond their scale.");
    }

    [Fact]
    public async Task BackLink_FromSecondAndFirstPage_ContinuesTheSameDraftWithItsAnswers()
    {
        await using var context = await browser.NewContextAsync("nl-NL");
        var respondent = await OpenAsync(context, SurveyCatalog.OpenSurveyIds[0], "nl");
        var page = respondent.Page;
        var firstPage = new Uri(page.Url).AbsolutePath;
        await SurveyFiller.FillPageAsync(page);
        var typed = await SurveyFiller.ReadAnswersAsync(page);
        await respondent.NextAsync();

        await respondent.FollowAsync(page.Locator("a.back-link"));
        Assert.Equal(firstPage, new Uri(page.Url).AbsolutePath);
        await respondent.FollowAsync(page.Locator("a.back-link"));
        Assert.Equal($"/nl/{SurveyCatalog.OpenSurveyIds[0]}", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("main form[method=post]").CountAsync());
        await respondent.FollowAsync(page.Locator("main a.button"));

        Assert.Equal(firstPage, new Uri(page.Url).AbsolutePath);
        Assert.Equal(typed, await SurveyFiller.ReadAnswersAsync(page));
    }

    internal static async Task<Respondent> OpenAsync(IBrowserContext context, string surveyId, string language)
    {
        var respondent = new Respondent(await context.NewPageAsync(), surveyId, language);
        await respondent.OpenStartPageAsync();
        await respondent.OpenIntroductionAsync();
        await respondent.BeginAsync();
        return respondent;
    }

    /// <summary>Answers page after page until one shows <paramref name="selector"/>.</summary>
    internal static async Task AdvanceToAsync(Respondent respondent, string selector)
    {
        for (var step = 0; await respondent.Page.Locator(selector).CountAsync() == 0; step++)
        {
            Assert.True(step < 20, $"No page with {selector}.");
            await SurveyFiller.FillPageAsync(respondent.Page);
            Assert.False(await respondent.NextAsync(), $"The survey ended before a page with {selector}.");
        }
    }

    private static async Task TypeDateAsync(IPage page, string day, string month, string year)
    {
        await page.Locator(".date-input input[name$=':day']").FillAsync("");
        await page.Locator(".date-input input[name$=':day']").FocusAsync();
        await page.Keyboard.TypeAsync(day);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync(month);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync(year);
    }

    private static void AssertNoOverlap(double[][] boxes, string where)
    {
        Assert.NotEmpty(boxes);
        for (var i = 0; i < boxes.Length; i++)
        {
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlaps = a[0] < b[0] + b[2] - 0.5 && b[0] < a[0] + a[2] - 0.5 && a[1] < b[1] + b[3] - 0.5 && b[1] < a[1] + a[3] - 0.5;
                Assert.False(overlaps, $"Two matrix labels or radios overlap {where}: [{string.Join(", ", a)}] and [{string.Join(", ", b)}].");
            }
        }
    }
}
