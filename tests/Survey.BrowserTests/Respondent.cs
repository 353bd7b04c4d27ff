using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Survey.BrowserTests;

/// <summary>
/// One respondent in one browser page, moving through a survey the way a person does: start page, introduction,
/// question pages (<c>/{lang}/{survey}/{resumeCode}/{pageId}</c>), done page. Every step asserts where it lands.
/// </summary>
internal sealed partial class Respondent(IPage page, string surveyId, string language)
{
    public IPage Page => page;

    public string Language { get; private set; } = language;

    /// <summary>The current question page's id (last URL segment).</summary>
    public string PageId => QuestionPath().Match(Path) is { Success: true } match ? match.Groups["page"].Value : "";

    private string Path => new Uri(page.Url).AbsolutePath;

    /// <summary><c>/</c> redirects by Accept-Language (the context's locale) to the start page of <see cref="Language"/>.</summary>
    public async Task OpenStartPageAsync()
    {
        await page.GotoAsync("/");
        Assert.Equal("/" + Language, Path);
        await AssertHtmlLangAsync();
    }

    public async Task OpenIntroductionAsync()
    {
        var link = page.Locator($"ul.survey-list a[href='/{Language}/{surveyId}']");
        Assert.True(await link.CountAsync() == 1, $"The start page {Path} does not link to survey '{surveyId}'.");
        await FollowAsync(link);
        Assert.Equal($"/{Language}/{surveyId}", Path);
    }

    public async Task BeginAsync()
    {
        await FollowAsync(page.Locator("main form[method=post] button[type=submit]"));
        AssertOnQuestionPage();
    }

    /// <summary>"Page n of m" from the progress line, or null if it cannot be read.</summary>
    public async Task<int?> PageCountAsync()
    {
        var progress = ProgressNumbers().Matches(await page.Locator("p.progress").InnerTextAsync());
        return progress.Count >= 2 ? int.Parse(progress[^1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async Task<bool> HasRequiredQuestionAsync() => await page.Locator("form#answers .required-mark").CountAsync() > 0;

    /// <summary>Sends the page as it is and expects it back with an error summary whose links lead to fields.</summary>
    public async Task SubmitExpectingErrorsAsync()
    {
        var before = PageId;
        await FollowAsync(NavigationButton);
        var summary = page.Locator(".error-summary");
        Assert.True(await summary.IsVisibleAsync(), $"Page {before} was accepted without its required answers (now at {Path}).");
        Assert.Equal(before, PageId);
        foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.True(await page.Locator($"[id='{href[1..]}']").CountAsync() == 1, $"Error summary link {href} leads nowhere.");
        }
    }

    /// <summary>Called on the check page before Send is pressed (an axe run, a screenshot, following a change link).</summary>
    public Func<Task>? OnCheckPage { get; set; }

    public bool OnCheckPageNow => Path.EndsWith("/check", StringComparison.Ordinal);

    /// <summary>Presses Next; after the last page that leads to the check page, where Send is pressed. Returns true on the done page.</summary>
    public async Task<bool> NextAsync()
    {
        var before = PageId;
        await FollowAsync(NavigationButton);
        if (await page.Locator(".error-summary").CountAsync() > 0)
        {
            Assert.Fail($"Page {before} was refused; the filler must have missed something:{Environment.NewLine}"
                + await page.Locator(".error-summary").InnerTextAsync());
        }
        if (OnCheckPageNow)
        {
            Assert.True(await page.Locator("dl.check-answers .check-row").CountAsync() > 0, "The check page lists no answers.");
            if (OnCheckPage is not null)
            {
                await OnCheckPage();
            }
            await FollowAsync(page.Locator("main form[method=post] button[type=submit]"));
        }
        if (Path == $"/{Language}/{surveyId}/done")
        {
            return true;
        }
        AssertOnQuestionPage();
        Assert.NotEqual(before, PageId);
        return false;
    }

    /// <summary>Presses the header language button (it posts the form), and checks the same page comes back in <paramref name="to"/>.</summary>
    public async Task SwitchLanguageAsync(string to)
    {
        var before = PageId;
        await FollowAsync(page.Locator($"header button[name=switchTo][value='{to}']"));
        Language = to;
        await AssertHtmlLangAsync();
        AssertOnQuestionPage();
        Assert.Equal(before, PageId);
    }

    public async Task AssertHtmlLangAsync() => Assert.Equal(Language, await page.Locator("html").GetAttributeAsync("lang"));

    /// <summary>Clicks and waits for the next document's load event (every step here is a link or a form post).</summary>
    public Task FollowAsync(ILocator target) => LoadAfterAsync(() => target.ClickAsync());

    /// <summary>Runs <paramref name="action"/> and waits for the document it leads to.</summary>
    public async Task LoadAfterAsync(Func<Task> action)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    private ILocator NavigationButton => page.Locator("form#answers button[name=nav][value=next]");

    public void AssertOnQuestionPage() =>
        Assert.True(QuestionPath().Match(Path) is { Success: true } match
                && match.Groups["lang"].Value == Language && match.Groups["survey"].Value == surveyId,
            $"Expected a question page of {surveyId} in {Language}, got {Path}.");

    [GeneratedRegex(@"^/(?<lang>[a-z]{2,3})/(?<survey>[^/]+)/(?<code>[^/]+)/(?<page>(?!check$)[^/]+)$")]
    private static partial Regex QuestionPath();

    [GeneratedRegex(@"\d+")]
    private static partial Regex ProgressNumbers();
}
