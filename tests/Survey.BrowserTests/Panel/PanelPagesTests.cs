using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Panel;

/// <summary>
/// A member's whole way through the panel pages in a real browser, in both languages, with JavaScript on and off: sign-up
/// (with errors first), check your mail, confirm, my data (change), unsubscribe, leave, and the neutral page of a dead
/// link, with axe-core on every page (JavaScript on) and screenshots at 320 and 1280 px.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PanelPagesTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("nl", true)]
    [InlineData("nl", false)]
    [InlineData("en", true)]
    [InlineData("en", false)]
    public async Task MemberJourney_EveryPanelPage_HasNoAxeViolations(string language, bool javaScript)
    {
        await using var context = await browser.NewContextAsync(language == "nl" ? "nl-NL" : "en-GB", javaScript);
        var page = await context.NewPageAsync();
        var nav = new Respondent(page, "panel", language);
        var axe = new AxeAudit();
        var suffix = $"{language}{(javaScript ? "" : "-nojs")}";
        var email = $"browser-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync($"/{language}/panel");
        await nav.AssertHtmlLangAsync();
        await CheckAsync(axe, page, "sign-up", javaScript);
        await ShootAsync(page, $"panel-signup-{suffix}", javaScript);

        // Nothing filled in: the error summary, each message linked to its field.
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.Equal(1, await page.Locator(".error-summary a[href='#email']").CountAsync());
        Assert.Equal(1, await page.Locator(".error-summary a[href='#consent']").CountAsync());
        await CheckAsync(axe, page, "sign-up with errors", javaScript);
        await ShootAsync(page, $"panel-signup-errors-{suffix}", javaScript);

        await page.FillAsync("#email", email);
        await page.SelectOptionAsync("#field-district", "merenwijk");
        await page.CheckAsync("#field-age_band-25-39");
        await page.CheckAsync("#consent");
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.EndsWith("/panel/check-mail", page.Url, StringComparison.Ordinal);
        await CheckAsync(axe, page, "check your mail", javaScript);

        var token = await TokenAsync(email);
        await page.GotoAsync($"/{language}/panel/confirm/{token}");
        await CheckAsync(axe, page, "confirm", javaScript);
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        await CheckAsync(axe, page, "confirmed", javaScript);

        await nav.FollowAsync(page.Locator($"main a[href='/{language}/panel/me/{token}']"));
        await CheckAsync(axe, page, "my data", javaScript);
        await ShootAsync(page, $"panel-me-{suffix}", javaScript);
        await page.SelectOptionAsync("#field-nationality", "it");
        await nav.FollowAsync(page.Locator("main form[action*='handler=save'] button[type=submit]"));
        Assert.Equal(1, await page.Locator(".notice[role=status]").CountAsync());
        await CheckAsync(axe, page, "my data saved", javaScript);

        await page.GotoAsync($"/{language}/panel/unsubscribe/{token}");
        await CheckAsync(axe, page, "unsubscribe", javaScript);
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        await CheckAsync(axe, page, "unsubscribed", javaScript);
        await ShootAsync(page, $"panel-unsubscribed-{suffix}", javaScript);

        await page.GotoAsync($"/{language}/panel/leave/{token}");
        await CheckAsync(axe, page, "leave", javaScript);
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.EndsWith("/panel/left", page.Url, StringComparison.Ordinal);
        await CheckAsync(axe, page, "left", javaScript);

        var response = await page.GotoAsync($"/{language}/panel/me/{token}");
        Assert.Equal(404, response!.Status);
        await CheckAsync(axe, page, "dead link", javaScript);
        await ShootAsync(page, $"panel-dead-link-{suffix}", javaScript);

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
    }

    /// <summary>axe-core runs as a script in the page, which a context without JavaScript cannot run. The panel pages have
    /// no script of their own (the CSP allows none), so their DOM is the same either way: axe checks it with JavaScript
    /// on, and the run without JavaScript proves every step works by plain links and form posts.</summary>
    private static async Task CheckAsync(AxeAudit axe, IPage page, string step, bool javaScript)
    {
        if (javaScript)
        {
            await axe.CheckAsync(page, step);
        }
    }

    private async Task<string> TokenAsync(string email)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var id = await db.PanelMembers.Where(m => m.Email == email).Select(m => m.Id).SingleAsync();
        return PanelMembers.ManageToken(scope.ServiceProvider.GetRequiredService<PersonalTokens>(), id);
    }

    /// <summary>With JavaScript on: the page at 1280 px and at 320 px (then back to 1280).</summary>
    private static async Task ShootAsync(IPage page, string name, bool javaScript)
    {
        if (!javaScript)
        {
            return;
        }
        await Screenshots.SaveAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(320, 800);
        await Screenshots.SaveAsync(page, name + "-320");
        await page.SetViewportSizeAsync(1280, 900);
    }
}
