using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Research;

/// <summary>
/// The researchers' mail preview in a real browser, nl and en: axe-core finds nothing (with JavaScript on, which axe needs),
/// and without JavaScript the sign-in and the whole page work the same.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class MailPreviewBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData("nl-NL", "nl", true)]
    [InlineData("en-GB", "en", true)]
    [InlineData("nl-NL", "nl", false)]
    [InlineData("en-GB", "en", false)]
    public async Task MailPreview_SignedIn_EveryTemplateShownWithoutAxeViolations(string locale, string language, bool javaScript)
    {
        var userName = $"mail-preview-{language}-{(javaScript ? "js" : "nojs")}";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(userName, Password);
        }
        await using var context = await browser.NewContextAsync(locale, javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{language}/research/mail");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync($"**/{language}/research/mail");

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
