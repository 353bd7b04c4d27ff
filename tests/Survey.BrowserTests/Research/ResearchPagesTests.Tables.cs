using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;

namespace Survey.BrowserTests.Research;

/// <summary>
/// The results tables at 320 px (WCAG 1.4.10): no word breaks inside itself, no cell's text sticks out of its cell, the page
/// does not scroll sideways, and a table box is a Tab stop exactly when its table scrolls sideways (with its script; without
/// it, at least then). "Without script" blocks the page's script file rather than turning JavaScript off: axe-core needs
/// JavaScript to run, and the markup it checks is then exactly what a browser without script gets.
/// </summary>
public sealed partial class ResearchPagesTests
{
    // Every word of every header and cell of the results tables drawn on more than one line ("verb/orge/n"), and every
    // cell whose text is wider than the cell. Hyphens, dashes and slashes are places where a line may break, so they
    // split words; visually hidden text (one pixel wide) is not drawn at all.
    private const string BrokenWords = """
        () => {
            const broken = [], overflowing = [];
            for (const cell of document.querySelectorAll('table.results th, table.results td')) {
                if (cell.scrollWidth > cell.clientWidth + 1) overflowing.push(cell.textContent.trim().slice(0, 40));
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (node.parentElement.closest('.visually-hidden')) continue;
                    for (const m of node.textContent.matchAll(/[^\s\-\u2010\u2013\u2014\/]+/g)) {
                        const range = document.createRange();
                        range.setStart(node, m.index);
                        range.setEnd(node, m.index + m[0].length);
                        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (tops.size > 1) broken.push(m[0]);
                    }
                }
            }
            return [broken.slice(0, 10), overflowing.slice(0, 10)];
        }
        """;

    // Per table box: [does its table scroll sideways, tabindex, role, text of what names it].
    private const string Boxes = """
        () => [...document.querySelectorAll('.table-scroll')].map(b => {
            const label = b.getAttribute('aria-labelledby');
            return [b.scrollWidth > b.clientWidth + 1 ? 'scrolls' : 'fits', b.getAttribute('tabindex') ?? '', b.getAttribute('role') ?? '',
                label ? (document.getElementById(label)?.textContent.trim() ?? '') : ''];
        })
        """;

    [Theory]
    [InlineData("nl-NL", "nl", true)]
    [InlineData("en-GB", "en", true)]
    [InlineData("en-GB", "en", false)]
    public async Task ResultsTables_At320px_NoWordBreaksInsideAndOnlyScrollingTablesAreTabStops(string locale, string language, bool script)
    {
        await SeedResultsOnceAsync();
        var userName = $"tables-{language}-{script}";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(userName, Password);
        }
        await using var context = await browser.NewContextAsync(locale);
        if (!script)
        {
            await context.RouteAsync("**/js/results-tables.js", route => route.AbortAsync());
        }
        var page = await context.NewPageAsync();
        var nav = new Respondent(page, SurveyId, language);
        var axe = new AxeAudit();
        await page.GotoAsync($"/{language}/research/login?returnUrl=/{language}/research/{SurveyId}");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(Password);
        await nav.LoadAfterAsync(() => page.Locator("#password").PressAsync("Enter"));
        Assert.Equal($"/{language}/research/{SurveyId}", Path(page));
        var columns = await page.Locator("table.results").EvaluateAllAsync<int[]>("tables => tables.map(t => t.tHead.rows[0].cells.length)");
        Assert.Contains(columns, count => count >= 4);

        await page.SetViewportSizeAsync(320, 800);
        var (broken, overflowing) = await BrokenWordsAsync(page);
        Assert.True(broken.Length == 0, $"Words broken inside at 320 px: {string.Join(", ", broken)}");
        Assert.True(overflowing.Length == 0, $"Cell text wider than its cell at 320 px: {string.Join(", ", overflowing)}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The results page scrolls sideways at 320 px.");
        var boxes = await page.EvaluateAsync<string[][]>(Boxes);
        Assert.Contains(boxes, b => b[0] == "scrolls");
        foreach (var box in boxes.Where(b => b[0] == "scrolls"))
        {
            Assert.Equal(["0", "group"], box[1..3]);
            Assert.NotEqual("", box[3]);
        }
        if (script)
        {
            Assert.All(boxes.Where(b => b[0] == "fits"), box => Assert.Equal(["", "", ""], box[1..]));
        }
        await axe.CheckAsync(page, $"results at 320 px, script {(script ? "on" : "off")}");
        await page.Locator("section.result").Nth(0).ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots.Folder, $"research-table-{language}-{(script ? "js" : "nojs")}-320.png") });

        await page.SetViewportSizeAsync(1280, 900);
        if (script)
        {
            // After the resize nothing scrolls at 1280 px: no table box is a Tab stop any more.
            await page.WaitForFunctionAsync("() => ![...document.querySelectorAll('.table-scroll')].some(b => b.hasAttribute('tabindex') && b.scrollWidth <= b.clientWidth + 1)");
            Assert.All(await page.EvaluateAsync<string[][]>(Boxes), box => Assert.Equal(box[0] == "scrolls" ? "0" : "", box[1]));
        }
        await page.Locator("section.result").Nth(0).ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots.Folder, $"research-table-{language}-{(script ? "js" : "nojs")}-1280.png") });
        await axe.CheckAsync(page, $"results at 1280 px, script {(script ? "on" : "off")}");
        axe.AssertNoViolations();
    }

    private static async Task<(string[] Broken, string[] Overflowing)> BrokenWordsAsync(IPage page)
    {
        var found = await page.EvaluateAsync<string[][]>(BrokenWords);
        return (found[0], found[1]);
    }
}
