using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Panel;

/// <summary>
/// A member's whole way through the panel pages in a real browser, in both languages, with JavaScript on and off: sign-up
/// (with errors first), check your mail, confirm, my data (change), unsubscribe, leave, and the neutral page of a dead
/// link, with axe-core on every page and screenshots at 320 and 1280 px.
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
        await axe.CheckAsync(page, "sign-up");
        await ShootAsync(page, $"panel-signup-{suffix}", javaScript);

        // Nothing filled in: the error summary, each message linked to its field.
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.Equal(1, await page.Locator(".error-summary a[href='#email']").CountAsync());
        Assert.Equal(1, await page.Locator(".error-summary a[href='#consent']").CountAsync());
        await axe.CheckAsync(page, "sign-up with errors");
        await ShootAsync(page, $"panel-signup-errors-{suffix}", javaScript);

        await page.FillAsync("#email", email);
        await page.SelectOptionAsync("#field-district", "merenwijk");
        await page.CheckAsync("#field-age_band-25-39");
        await page.CheckAsync("#consent");
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.EndsWith("/panel/check-mail", page.Url, StringComparison.Ordinal);
        await axe.CheckAsync(page, "check your mail");

        var token = await TokenAsync(email);
        await page.GotoAsync($"/{language}/panel/confirm/{token}");
        await axe.CheckAsync(page, "confirm");
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        await axe.CheckAsync(page, "confirmed");

        await nav.FollowAsync(page.Locator($"main a[href='/{language}/panel/me/{token}']"));
        await axe.CheckAsync(page, "my data");
        await ShootAsync(page, $"panel-me-{suffix}", javaScript);
        await page.SelectOptionAsync("#field-nationality", "it");
        await nav.FollowAsync(page.Locator("main form[action*='handler=save'] button[type=submit]"));
        Assert.Equal(1, await page.Locator(".notice[role=status]").CountAsync());
        await axe.CheckAsync(page, "my data saved");

        await page.GotoAsync($"/{language}/panel/unsubscribe/{token}");
        await axe.CheckAsync(page, "unsubscribe");
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        await axe.CheckAsync(page, "unsubscribed");
        await ShootAsync(page, $"panel-unsubscribed-{suffix}", javaScript);

        await page.GotoAsync($"/{language}/panel/leave/{token}");
        await axe.CheckAsync(page, "leave");
        await nav.FollowAsync(page.Locator("main form button[type=submit]"));
        Assert.EndsWith("/panel/left", page.Url, StringComparison.Ordinal);
        await axe.CheckAsync(page, "left");

        var response = await page.GotoAsync($"/{language}/panel/me/{token}");
        Assert.Equal(404, response!.Status);
        await axe.CheckAsync(page, "dead link");
        await ShootAsync(page, $"panel-dead-link-{suffix}", javaScript);

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
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
