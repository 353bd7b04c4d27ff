using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Research;

/// <summary>
/// The wave pages (list, create form with and without errors, status per stratum) and the neutral "link does not work"
/// page in a real browser, in Dutch and English, with JavaScript on and off: axe-core finds nothing, and the pages
/// reflow at 320 px.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class WavePagesTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ResearcherSignIn.LocalesWithAndWithoutJavaScript), MemberType = typeof(ResearcherSignIn))]
    public async Task WavePages_CreateAndOpenStatus_HaveNoAxeViolationsAndReflow(string locale, string language, bool javaScript)
    {
        var district = "w" + Guid.NewGuid().ToString("N")[..8];
        var userName = $"golf-{language}-{javaScript}-{district}";
        await ResearcherSignIn.CreateAccountAsync(browser, userName);
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            foreach (var (lang, n) in new[] { ("nl", 6), ("en", 4) })
            {
                for (var i = 0; i < n; i++)
                {
                    var id = Guid.NewGuid();
                    db.PanelMembers.Add(new PanelMember
                    {
                        Id = id, Email = $"{id:N}@example.org", Language = lang, District = district, Status = PanelMemberStatus.Active,
                        Source = "import", ConsentVersion = "test", CreatedAt = DateTimeOffset.UtcNow, ManageTokenHash = PersonalTokens.Hash(id.ToString("N")),
                    });
                }
            }
            await db.SaveChangesAsync();
        }
        await using var context = await browser.NewContextAsync(locale, javaScript);
        var page = await context.NewPageAsync();
        var nav = new Respondent(page, "international-panel", language);
        var axe = new AxeAudit();
        // axe-core and the width check run scripts in the page, which a page without JavaScript never runs (Playwright's
        // evaluate waits for ever): without JavaScript the same pages are walked and checked through the DOM only.
        async Task AuditAsync(string name)
        {
            if (javaScript)
            {
                await axe.CheckAsync(page, name);
                await AssertReflowsAt320Async(page);
            }
        }

        await page.GotoAsync($"/{language}/research/waves");
        Assert.Equal($"/{language}/research/login", Path(page));
        await ResearcherSignIn.SignInAsync(page, userName, $"/{language}/research/waves");
        Assert.Equal($"/{language}/research/waves", Path(page));
        await nav.AssertHtmlLangAsync();
        await AuditAsync("waves");

        await nav.FollowAsync(page.Locator($"main a[href='/{language}/research/waves/new']"));
        await AuditAsync("new wave");
        await page.FillAsync("#district", district);
        await page.FillAsync("#sample", "99");
        await page.FillAsync("#reminders", "14d,7d");
        await nav.LoadAfterAsync(() => page.Locator("main div.buttons button[type=submit]").ClickAsync());
        Assert.True(await page.Locator(".error-summary").IsVisibleAsync(), "Bad input showed no error summary.");
        Assert.Equal("true", await page.Locator("#reminders").GetAttributeAsync("aria-invalid"));
        await AuditAsync("new wave, errors");

        await page.FillAsync("#sample", "5");
        await page.FillAsync("#reminders", "7d,14d");
        await page.SelectOptionAsync("#stratify", "language");
        await page.FillAsync("#seed", "11");
        await nav.LoadAfterAsync(() => page.Locator("main div.buttons button[type=submit]").ClickAsync());
        Assert.Matches($"^/{language}/research/waves/[0-9]+$", Path(page));
        Assert.Equal(3, await page.Locator("table.wave-table tbody tr").CountAsync());
        await AuditAsync("wave status");

        await nav.FollowAsync(page.Locator($"main p a[href='/{language}/research/waves']"));
        Assert.True(await page.Locator("table.wave-table").CountAsync() > 0, "The list shows no wave table.");
        await AuditAsync("wave list with a wave");

        var refused = await page.GotoAsync($"/{language}/i/ABCDEFGHJKMNPQRSTVWXYZ0123");
        Assert.Equal(404, refused!.Status);
        await nav.AssertHtmlLangAsync();
        await AuditAsync("link does not work");

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
    }

    private static string Path(IPage page) => new Uri(page.Url).AbsolutePath;

    private static async Task AssertReflowsAt320Async(IPage page)
    {
        await page.SetViewportSizeAsync(320, 800);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(widths[0] <= widths[1], $"{Path(page)} is {widths[0]} px wide at a {widths[1]} px window: it scrolls sideways.");
    }
}
