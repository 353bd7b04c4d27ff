using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;

namespace Survey.BrowserTests.Research;

/// <summary>
/// What the research page tests share: the languages and JavaScript settings they run in, a researcher account in the
/// fixture's database, and signing in through the real form (a research page without a session shows the sign-in form).
/// </summary>
public static class ResearcherSignIn
{
    public const string Password = "correct horse battery staple";

    /// <summary>Dutch and English, each with JavaScript on (axe-core needs it) and off (every page must work without).</summary>
    public static TheoryData<string, string, bool> LocalesWithAndWithoutJavaScript => new()
    {
        { "nl-NL", "nl", true },
        { "en-GB", "en", true },
        { "nl-NL", "nl", false },
        { "en-GB", "en", false },
    };

    public static async Task CreateAccountAsync(BrowserFixture browser, string userName)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await using var scope = browser.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(userName, Password);
    }

    /// <summary>Fills the sign-in form <paramref name="page"/> shows, sends it with Enter and waits until <paramref name="path"/> has loaded.</summary>
    public static async Task SignInAsync(IPage page, string userName, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync("**" + path);
    }
}
