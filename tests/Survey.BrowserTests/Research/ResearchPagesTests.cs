using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Data;
using Survey.Web.Results;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Research;

/// <summary>
/// The researcher pages in a real browser: the sign-in (anonymous visit redirected, wrong password refused, right
/// password typed with the keyboard only), the survey list and the results of <c>stadsenquete</c> over seeded responses,
/// with axe-core on every page and no console errors (a CSP refusal shows there).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class ResearchPagesTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string SurveyId = "stadsenquete";
    private const int SeededResponses = 300;
    private const string Password = "correct horse battery staple";

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static bool _seeded;

    [Theory]
    [InlineData("nl-NL", "nl")]
    [InlineData("en-GB", "en")]
    public async Task ResearchPages_SignInWithKeyboardAndOpenResults_HaveNoAxeViolationsOrConsoleErrors(string locale, string language)
    {
        await SeedResultsOnceAsync();
        var userName = "onderzoeker-" + language;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync(userName, Password);
        }
        await using var context = await browser.NewContextAsync(locale);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{new Uri(page.Url).AbsolutePath}: {message.Text}");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{new Uri(page.Url).AbsolutePath}: uncaught {error}");
        var nav = new Respondent(page, SurveyId, language);
        var axe = new AxeAudit();

        // Anonymous: the list sends the visitor to the login page in the same language, coming back afterwards.
        await page.GotoAsync($"/{language}/research");
        Assert.Equal($"/{language}/research/login", Path(page));
        Assert.Equal($"/{language}/research", await page.Locator("input[name=returnUrl]").InputValueAsync());
        await nav.AssertHtmlLangAsync();
        await axe.CheckAsync(page, "login");
        await Screenshots.SaveAsync(page, $"research-login-{language}");

        // Wrong password, keyboard only: Tab to the user name, type, Tab, type, Enter.
        await TabToAsync(page, "username");
        await page.Keyboard.TypeAsync(userName);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync("not the password at all");
        await nav.LoadAfterAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal($"/{language}/research/login", Path(page));
        Assert.True(await page.Locator(".error-summary").IsVisibleAsync(), "A wrong password showed no error summary.");
        Assert.Equal("true", await page.Locator("#username").GetAttributeAsync("aria-invalid"));
        Assert.Equal(userName, await page.Locator("#username").InputValueAsync());
        Assert.Equal("", await page.Locator("#password").InputValueAsync());
        await axe.CheckAsync(page, "login, wrong password");

        // Right password, keyboard only: the user name is kept, so Tab to the password, type it, Enter.
        await TabToAsync(page, "password");
        await page.Keyboard.TypeAsync(Password);
        await nav.LoadAfterAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal($"/{language}/research", Path(page));
        await nav.AssertHtmlLangAsync();
        var surveyLink = page.Locator($"ul.research-list a[href='/{language}/research/{SurveyId}']");
        Assert.Equal(1, await surveyLink.CountAsync());
        Assert.Contains(userName, await page.Locator("nav.research-nav").InnerTextAsync(), StringComparison.Ordinal);
        await axe.CheckAsync(page, "survey list");
        await AssertReflowsAt320Async(page, $"research-list-{language}-320");

        await nav.FollowAsync(surveyLink);
        Assert.Equal($"/{language}/research/{SurveyId}", Path(page));
        await nav.AssertHtmlLangAsync();
        Assert.True(await page.Locator("table.results").CountAsync() > 1, "The results page shows no tables.");
        Assert.True(await page.Locator("div.chart rect.bar").CountAsync() > 0, "The results page shows no chart bars.");
        Assert.True(await page.Locator("div.chart line.ci-line").CountAsync() > 0, "The charts show no intervals.");
        Assert.True(await page.Locator("div.chart text.chart-value").CountAsync() > 0, "The chart bars show no values at their ends.");
        Assert.Equal(["0%", "25%", "50%", "75%", "100%"], await page.Locator("div.chart svg.chart-axis").First.Locator("text").AllTextContentsAsync());
        Assert.True(await page.Locator("td.suppressed").CountAsync() > 0, "No cell is suppressed, though the eu/non_eu groups are small.");
        Assert.All(await page.Locator("td.suppressed").AllInnerTextsAsync(), text => Assert.Equal(language == "nl" ? "verborgen" : "hidden", text.Trim()));
        await axe.CheckAsync(page, "results");
        await Screenshots.SaveAsync(page, $"research-results-{language}");
        await AssertReflowsAt320Async(page, $"research-results-{language}-320");
        await AssertChartsReadableAt320Async(page);

        // A second split (nationality group within each district) and one question, through the form (a plain GET).
        await page.SelectOptionAsync("#then", "district");
        await page.SelectOptionAsync("#q", "city_mark");
        await nav.LoadAfterAsync(() => page.Locator("form.layout button[type=submit]").ClickAsync());
        Assert.Equal("district", await page.Locator("#then").InputValueAsync());
        Assert.Equal(1, await page.Locator("section.result").CountAsync());
        Assert.True(await page.Locator("th[scope=rowgroup]").CountAsync() >= 10, "The table has no section per district.");
        Assert.Equal(0, await page.Locator("div.chart").CountAsync());
        Assert.Contains("then=district", await page.Locator("ul.downloads a").First.GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await axe.CheckAsync(page, "results within districts");
        await Screenshots.SaveAsync(page, $"research-results-district-{language}");

        foreach (var line in axe.Log)
        {
            output.WriteLine(line);
        }
        axe.AssertNoViolations();
        Assert.True(consoleErrors.Count == 0, "Browser console errors:" + Environment.NewLine + string.Join(Environment.NewLine, consoleErrors));
    }

    private static string Path(IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>
    /// At 320 CSS px every chart text (axis ticks, values, group and answer labels, legend) is drawn at least 12 px high
    /// (the rendered height, so a chart scaled down as a whole fails), and every group label is its column's heading in
    /// full: never cut, never clipped.
    /// </summary>
    private static async Task AssertChartsReadableAt320Async(IPage page)
    {
        await page.SetViewportSizeAsync(320, 800);
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('div.chart text, div.chart .chart-label, div.chart .chart-row, div.chart .chart-legend')]
                .filter(e => e.textContent.trim() !== '')
                .map(e => {
                    const r = e.getBoundingClientRect();
                    const px = parseFloat(getComputedStyle(e).fontSize);
                    const svg = e.closest('svg');
                    const scale = svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
                    return [e.textContent.trim(), px * scale, r.height];
                })
                .filter(([, size, height]) => size < 12 || height < 12)
                .slice(0, 8).map(([text, size, height]) => `${text}: ${size.toFixed(1)} px font, ${height.toFixed(1)} px high`)
            """);
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('section.result')].flatMap(section => {
                const headings = [...section.querySelectorAll('table.results thead th')].slice(1).map(th => th.textContent.trim());
                return [...section.querySelectorAll('div.chart .chart-line:not(.chart-axis-line) .chart-label')]
                    .filter((label, i) => label.textContent.trim() !== headings[i % headings.length]
                        || label.scrollWidth > label.clientWidth + 0.5
                        || label.getBoundingClientRect().right > window.innerWidth + 0.5)
                    .map(label => label.textContent.trim());
            }).slice(0, 8)
            """);
        var labels = await page.Locator("div.chart .chart-label").CountAsync();
        var language = await page.EvaluateAsync<string>("() => document.documentElement.lang");
        await page.Locator("section.result").First.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots.Folder, $"research-chart-{language}-320.png") });
        await page.SetViewportSizeAsync(1280, 900);
        await page.Locator("section.result").First.ScreenshotAsync(new() { Path = System.IO.Path.Combine(Screenshots.Folder, $"research-chart-{language}-1280.png") });
        Assert.True(labels > 0, "The charts show no group labels.");
        Assert.True(small.Length == 0, $"Chart text below 12 px at 320 px: {string.Join("; ", small)}");
        Assert.True(cut.Length == 0, $"Chart group labels cut or clipped at 320 px: {string.Join("; ", cut)}");
    }

    /// <summary>WCAG 1.4.10: at 320 CSS px (a phone, or 1280 px at 400%) the page itself does not scroll sideways.</summary>
    private static async Task AssertReflowsAt320Async(IPage page, string screenshot)
    {
        await page.SetViewportSizeAsync(320, 800);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        // What sticks out, outside a table that scrolls by itself: named in the failure message.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll'))
                .slice(0, 8).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        await Screenshots.SaveAsync(page, screenshot, fullPage: false);
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(widths[0] <= widths[1],
            $"{Path(page)} is {widths[0]} px wide at a {widths[1]} px window: it scrolls sideways. Too wide: {string.Join("; ", wide)}");
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private static async Task TabToAsync(IPage page, string id)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusedIdAsync(page) == id)
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached #{id} on {Path(page)}.");
    }

    /// <summary>Seeds the responses and computes one snapshot, once for both languages (the app is shared).</summary>
    private async Task SeedResultsOnceAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            await SeedResponsesAsync();
            long runId;
            await using (var scope = browser.Services.CreateAsyncScope())
            {
                runId = await scope.ServiceProvider.GetRequiredService<ResultsRunner>().QueueAsync(SurveyId, ResultRunTrigger.OnDemand, CancellationToken.None);
            }
            await using (var scope = browser.Services.CreateAsyncScope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<ResultsRunner>().RunAsync(runId, CancellationToken.None);
                var run = await scope.ServiceProvider.GetRequiredService<SurveyDbContext>().ResultRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
                Assert.True(outcome.Succeeded, $"The results run failed: {run.Error}");
                Assert.Equal(ResultRunState.Succeeded, run.State);
            }
            _seeded = true;
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task SeedResponsesAsync()
    {
        // Seeded, so the page looks the same every run. Small eu/non_eu groups make some cells fall under min_cell.
        var random = new Random(20261122);
        string[] ages = ["18-24", "25-39", "40-54", "55-64", "65+"];
        string[] districts = ["binnenstad-noord", "binnenstad-zuid", "stationsdistrict", "leiden-noord", "roodenburgerdistrict",
            "bos-en-gasthuisdistrict", "morsdistrict", "boerhaavedistrict", "merenwijk", "stevenshof"];
        string[] pleasure = ["very_pleasant", "pleasant", "neutral", "unpleasant", "very_unpleasant", "dk"];
        string[] change = ["better", "same", "worse", "dk"];
        string[] volunteering = ["regularly", "sometimes", "no"];
        string[] places = ["own_street", "city_centre", "station", "parks", "bike_routes", "public_transport"];

        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        for (var i = 0; i < SeededResponses; i++)
        {
            // Every targets category gets respondents: the first rounds go through all of them in turn.
            var nationality = i < 30 ? (i % 3) switch { 0 => "nl", 1 => "eu", _ => "non_eu" }
                : Pick(random, ("nl", 0.78), ("eu", 0.10), ("non_eu", 0.10), ("na", 0.02));
            var gender = i < 30 ? (i % 3) switch { 0 => "man", 1 => "woman", _ => "other" }
                : Pick(random, ("man", 0.47), ("woman", 0.49), ("other", 0.02), ("na", 0.02));
            var response = new SurveyResponse
            {
                Id = Guid.NewGuid(),
                SurveyId = SurveyId,
                SurveyVersion = 1,
                Language = i % 3 == 0 ? "en" : "nl",
                CompletedOn = new DateOnly(2026, 11, 1).AddDays(i % 20),
            };
            Add(response, "age_band", i < 30 ? ages[i % ages.Length] : ages[random.Next(ages.Length)]);
            Add(response, "gender", gender);
            Add(response, "district", i < 30 ? districts[i % districts.Length] : districts[random.Next(districts.Length)]);
            Add(response, "nationality_group", nationality);
            Add(response, "living_pleasure", pleasure[Math.Min(random.Next(3) + random.Next(3), pleasure.Length - 1)]);
            Add(response, "neighbourhood_change", change[random.Next(change.Length)]);
            Add(response, "volunteering", nationality == "nl" ? volunteering[random.Next(3)] : volunteering[1 + random.Next(2)]);
            Add(response, "city_mark", (5 + random.Next(3) + random.Next(3)).ToString(CultureInfo.InvariantCulture));
            Add(response, "safety_statements", (3 + random.Next(3)).ToString(CultureInfo.InvariantCulture), "safe_day");
            Add(response, "safety_statements", (1 + random.Next(5)).ToString(CultureInfo.InvariantCulture), "safe_evening");
            foreach (var place in places.Where(_ => random.NextDouble() < 0.3))
            {
                Add(response, "unsafe_places", place);
            }
            db.Responses.Add(response);
        }
        await db.SaveChangesAsync();
    }

    private static void Add(SurveyResponse response, string question, string code, string? item = null) =>
        response.Answers.Add(new ResponseAnswer { QuestionId = question, Item = item, Code = code });

    private static string Pick(Random random, params (string Code, double Share)[] choices)
    {
        var x = random.NextDouble() * choices.Sum(c => c.Share);
        foreach (var (code, share) in choices)
        {
            if ((x -= share) < 0)
            {
                return code;
            }
        }
        return choices[^1].Code;
    }
}
