using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Respond;

/// <summary>
/// The code page for letters (<c>/{lang}/code</c>) and the start page that links to it: axe-core finds nothing in Dutch or
/// English, empty, with an error and after a refused code; the page reflows at 320 px; a real
/// code typed as a resident would type it opens the survey.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class LetterCodePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private string NewLetterCode()
    {
        using var scope = browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalTokens>();
        var frame = new SampleFrame { Source = "browser.csv", ImportedAt = DateTimeOffset.UtcNow };
        db.SampleFrames.Add(frame);
        db.SaveChanges();
        var unit = new FrameUnit { FrameId = frame.Id, AddressLine = "Breestraat 1 | 2311 CS Leiden", District = "binnenstad-zuid", AgeBand = "25-39" };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var wave = new Wave
        {
            SurveyId = SurveyCatalog.OpenSurveyIds[0], Kind = WaveKind.Letters, SelectionJson = "{}", SendAt = DateTimeOffset.UtcNow,
            ReminderDays = string.Empty, ClosesOn = today.AddDays(30), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        db.FrameUnits.Add(unit);
        db.Waves.Add(wave);
        db.SaveChanges();
        var code = tokens.AccessCode("letter", $"{wave.Id}:{unit.Id}");
        db.Invitations.Add(new Invitation { WaveId = wave.Id, FrameUnitId = unit.Id, Language = "nl", TokenHash = PersonalTokens.Hash(code) });
        db.SaveChanges();
        return code;
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task CodePage_EmptyErrorRefusedAndRealCode_NoAxeViolationsAndOpensTheSurvey(string language)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB");
        var page = await context.NewPageAsync();
        var respondent = new Respondent(page, SurveyCatalog.OpenSurveyIds[0], language);
        var axe = new AxeAudit();

        await page.GotoAsync($"/{language}");
        await axe.CheckAsync(page, "start");
        await AssertReflowsAt320Async(page, $"letter-start-{language}");
        await respondent.FollowAsync(page.Locator($"main a[href='/{language}/code']"));
        Assert.Equal($"/{language}/code", new Uri(page.Url).AbsolutePath);
        await axe.CheckAsync(page, "code form");
        await Screenshots.SaveAsync(page, $"letter-code-{language}-1280", fullPage: false);

        await respondent.FollowAsync(page.Locator("main button[type=submit]"));
        Assert.Equal(1, await page.Locator(".error-summary a[href='#code']").CountAsync());
        await axe.CheckAsync(page, "empty");

        await page.FillAsync("#code", "wxyz wxyz wxy2");
        await respondent.FollowAsync(page.Locator("main button[type=submit]"));
        Assert.Equal("true", await page.GetAttributeAsync("#code", "aria-invalid"));
        Assert.Equal("code-hint code-error", await page.GetAttributeAsync("#code", "aria-describedby"));
        await axe.CheckAsync(page, "refused");
        await AssertReflowsAt320Async(page, $"letter-code-refused-{language}");
        await Screenshots.SaveAsync(page, $"letter-code-refused-{language}-1280", fullPage: false);

        var code = NewLetterCode();
        await page.FillAsync("#code", $"{code[..4].ToLowerInvariant()} {code[4..8]} {code[8..]}");
        await respondent.FollowAsync(page.Locator("main button[type=submit]"));
        respondent.AssertOnQuestionPage();
        await respondent.AssertHtmlLangAsync();

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
    }

    /// <summary>WCAG 1.4.10: at 320 CSS px the page does not scroll sideways.</summary>
    private static async Task AssertReflowsAt320Async(IPage page, string screenshot)
    {
        await page.SetViewportSizeAsync(320, 800);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        await Screenshots.SaveAsync(page, screenshot + "-320", fullPage: false);
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide at a {widths[1]} px window");
    }
}
