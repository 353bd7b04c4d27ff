using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using static Survey.BrowserTests.Respond.QuestionFormsTests;

namespace Survey.BrowserTests.Respond;

/// <summary>
/// A date that asks only the month and the year (<c>precision: month</c>; the panel's "when did you come to live in the
/// Netherlands"): two labelled fields with a hint, a wrong month named, what is typed is what is stored, at 320 and 1280 px.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class MonthInputTests(BrowserFixture browser)
{
    private const string Month = "#f-arrival_nl-month";
    private const string Year = "#f-arrival_nl-year";

    [Theory]
    [InlineData("nl", "Maand", "Jaar", "Bijvoorbeeld 3 2024 voor maart 2024.", "De maand moet tussen 1 en 12 liggen.")]
    [InlineData("en", "Month", "Year", "For example 3 2024 for March 2024.", "The month must be between 1 and 12.")]
    public async Task Month_TypedMonthAndYear_IsStoredAsTypedAndAWrongMonthIsNamed(string language, string monthLabel, string yearLabel, string hint, string monthMessage)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB");
        var respondent = await OpenAsync(context, "international-panel", language);
        var page = respondent.Page;
        var axe = new AxeAudit();
        await AdvanceToAsync(respondent, Month);
        await SurveyFiller.FillPageAsync(page);

        // Two text fields named by their own labels, numeric keyboards, the hint read with the group; no day.
        var group = page.Locator("fieldset#f-arrival_nl");
        Assert.Equal(Month, "#" + await group.GetByRole(AriaRole.Textbox, new() { Name = monthLabel, Exact = true }).GetAttributeAsync("id"));
        Assert.Equal(Year, "#" + await group.GetByRole(AriaRole.Textbox, new() { Name = yearLabel, Exact = true }).GetAttributeAsync("id"));
        Assert.Equal(["numeric", "numeric"], await group.Locator("input").EvaluateAllAsync<string[]>("fields => fields.map(f => f.inputMode)"));
        Assert.Equal(0, await group.Locator("input[name$=':day']").CountAsync());
        Assert.Equal(hint, (await page.Locator("#f-arrival_nl-hint").InnerTextAsync()).Trim());
        Assert.Contains("f-arrival_nl-hint", await group.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        await axe.CheckAsync(page, "month question");
        await page.SetViewportSizeAsync(320, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The month page scrolls sideways at 320 px.");
        await Screenshots.SaveAsync(page, $"month-{language}-320");
        await page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(page, $"month-{language}-1280");

        await TypeAsync(page, "13", "2019");
        await respondent.FollowAsync(page.Locator("form#answers button[name=nav][value=next]"));

        Assert.Contains(monthMessage, await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator(".error-summary a", new() { HasText = monthMessage }).ClickAsync();
        Assert.Equal(Month[1..], await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("true", await page.Locator(Month).GetAttributeAsync("aria-invalid"));
        Assert.Equal(["13", "2019"], [await page.Locator(Month).InputValueAsync(), await page.Locator(Year).InputValueAsync()]);
        await axe.CheckAsync(page, "month with an error");
        await page.SetViewportSizeAsync(320, 800);
        await Screenshots.SaveAsync(page, $"month-error-{language}-320");
        await page.SetViewportSizeAsync(1280, 900);
        await Screenshots.SaveAsync(page, $"month-error-{language}-1280");

        await TypeAsync(page, "3", "2019");
        var code = new Uri(page.Url).AbsolutePath.Split('/')[3];
        await respondent.NextAsync();

        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var json = await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().Drafts.AsNoTracking()
                .Where(d => d.Token == code).Select(d => d.AnswersJson).SingleAsync();
            Assert.Equal("2019-03", JsonDocument.Parse(json).RootElement.GetProperty("arrival_nl")[0].GetProperty("Text").GetString());
        }
        await respondent.FollowAsync(page.Locator("a.back-link"));
        Assert.Equal(["3", "2019"], [await page.Locator(Month).InputValueAsync(), await page.Locator(Year).InputValueAsync()]);
        axe.AssertNoViolations();
    }

    /// <summary>Types as a keyboard user does: into the month, Tab, over the year.</summary>
    private static async Task TypeAsync(IPage page, string month, string year)
    {
        await page.Locator(Month).FillAsync("");
        await page.Locator(Month).FocusAsync();
        await page.Keyboard.TypeAsync(month);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync(year);
    }
}
