using Xunit.Abstractions;

namespace Survey.BrowserTests.Research;

/// <summary>
/// The researchers' mail preview in a real browser, nl and en: axe-core finds nothing (with JavaScript on, which axe needs),
/// and without JavaScript the sign-in and the whole page work the same.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class MailPreviewBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ResearcherSignIn.LocalesWithAndWithoutJavaScript), MemberType = typeof(ResearcherSignIn))]
    public async Task MailPreview_SignedIn_EveryTemplateShownWithoutAxeViolations(string locale, string language, bool javaScript)
    {
        var userName = $"mail-preview-{language}-{(javaScript ? "js" : "nojs")}";
        await ResearcherSignIn.CreateAccountAsync(browser, userName);
        await using var context = await browser.NewContextAsync(locale, javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{language}/research/mail");
        await ResearcherSignIn.SignInAsync(page, userName, $"/{language}/research/mail");

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(12, await page.Locator("section.mail-preview").CountAsync());
        Assert.Equal(6, await page.Locator("div.mail-body[lang=en]").CountAsync());
        Assert.True(await page.Locator("pre.mail-text").First.IsVisibleAsync());
        await Screenshots.SaveAsync(page, $"research-mail-{language}{(javaScript ? "" : "-nojs")}");
        if (!javaScript)
        {
            return;
        }
        var axe = new AxeAudit();
        await axe.CheckAsync(page, "mail preview");
        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
    }
}
