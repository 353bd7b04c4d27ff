using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Survey.BrowserTests.Respond;

/// <summary>A question page used with the keyboard only (Tab, Space, Enter, arrow keys and typing), as many respondents do.</summary>
[Collection(SharedBrowser.Name)]
public sealed class KeyboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    // What has focus, as [tag, type, name, value, id, class, inForm, dontKnow, focusVisible, outlineStyle, outlineWidth,
    // boxShadow, inputmode, maxlength, data-min, data-max, min, left]. An array: no JSON mapping to get wrong.
    private const string DescribeFocus = """
        () => {
            const e = document.activeElement;
            const s = getComputedStyle(e);
            const a = n => e.getAttribute(n) ?? '';
            return [e.tagName.toLowerCase(), e.type ?? '', a('name'), e.value ?? '', e.id, e.className,
                String(!!e.closest('form#answers')), String(!!e.closest('.dont-know')), String(e.matches(':focus-visible')),
                s.outlineStyle, s.outlineWidth, s.boxShadow, a('inputmode'), a('maxlength'), a('data-min'), a('data-max'), a('min'),
                String(Math.round(e.getBoundingClientRect().left)), e.closest('.date-input')?.getAttribute('data-min') ?? ''];
        }
        """;

    [Fact]
    public async Task QuestionPage_FirstTab_FocusesVisibleSkipLinkToMain()
    {
        await using var context = await browser.NewContextAsync("en-GB");
        var respondent = await OpenFirstQuestionPageAsync(context, "en");
        var page = respondent.Page;

        await page.Keyboard.PressAsync("Tab");

        var focus = await FocusAsync(page);
        Assert.True(focus.Tag == "a" && focus.Class.Contains("skip-link", StringComparison.Ordinal),
            $"The first Tab stop is <{focus.Tag} class='{focus.Class}' id='{focus.Id}'>, not the skip link.");
        AssertFocusIndicator(focus);
        Assert.True(focus.Left >= 0, $"The focused skip link is off screen (left {focus.Left}px).");

        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", (await FocusAsync(page)).Id);
    }

    [Fact]
    public async Task QuestionPage_KeyboardOnly_AnswersQuestionsAndMovesToNextPage()
    {
        await using var context = await browser.NewContextAsync("nl-NL");
        var respondent = await OpenFirstQuestionPageAsync(context, "nl");
        var page = respondent.Page;
        var firstPage = respondent.PageId;
        var answered = new HashSet<string>(StringComparer.Ordinal);

        for (var presses = 0; ; presses++)
        {
            Assert.True(presses < 300, "Tab never reached the Next button.");
            await page.Keyboard.PressAsync("Tab");
            var focus = await FocusAsync(page);
            AssertFocusIndicator(focus);
            output.WriteLine($"Tab {presses + 1}: <{focus.Tag} type='{focus.Type}' name='{focus.Name}' id='{focus.Id}'>");

            if (focus.Name == "nav" && focus.Value == "next")
            {
                await respondent.LoadAfterAsync(() => page.Keyboard.PressAsync("Enter"));
                break;
            }
            if (focus.InForm && !focus.DontKnow && focus.Name.Length > 0 && !focus.Name.EndsWith(":other", StringComparison.Ordinal)
                && answered.Add(focus.Name))
            {
                await AnswerWithKeysAsync(page, focus);
            }
        }

        Assert.NotEmpty(answered);
        Assert.Equal(0, await page.Locator(".error-summary").CountAsync());
        respondent.AssertOnQuestionPage();
        Assert.NotEqual(firstPage, respondent.PageId);
    }

    private static async Task<Respondent> OpenFirstQuestionPageAsync(IBrowserContext context, string language)
    {
        Assert.NotEmpty(SurveyCatalog.OpenSurveyIds);
        var respondent = new Respondent(await context.NewPageAsync(), SurveyCatalog.OpenSurveyIds[0], language);
        await respondent.OpenStartPageAsync();
        await respondent.OpenIntroductionAsync();
        await respondent.BeginAsync();
        return respondent;
    }

    private static async Task AnswerWithKeysAsync(IPage page, Focus focus)
    {
        switch (focus.Type)
        {
            case "radio" or "checkbox":
                await page.Keyboard.PressAsync("Space");
                Assert.True(await page.Locator(":focus").IsCheckedAsync(), $"Space did not check {focus.Id}.");
                break;
            case "select-one":
                // The first option is the empty "choose" line: one step down is the first answer.
                await page.Keyboard.PressAsync("ArrowDown");
                Assert.NotEqual("", await page.Locator(":focus").InputValueAsync());
                break;
            case "text" or "textarea":
                await page.Keyboard.TypeAsync(TypedValue(focus));
                break;
        }
    }

    private static string TypedValue(Focus focus) => focus switch
    {
        // One of a date's three fields: the matching part of the lowest allowed day.
        { DateMin: { Length: > 0 } min } => DatePart(DateOnly.ParseExact(min, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), focus.Name),
        { InDate: true } => DatePart(new DateOnly(2000, 1, 1), focus.Name),
        { InputMode: "numeric", MaxLength: "4" } => focus.DataMax.Length > 0 ? focus.DataMax : focus.DataMin.Length > 0 ? focus.DataMin : "2000",
        { InputMode: "numeric" or "decimal" } => focus.DataMin.Length > 0 && decimal.TryParse(focus.DataMin, System.Globalization.CultureInfo.InvariantCulture, out var min)
            ? decimal.Ceiling(min).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1",
        _ => "Test",
    };

    private static string DatePart(DateOnly day, string name) =>
        (name.EndsWith(":day", StringComparison.Ordinal) ? day.Day : name.EndsWith(":month", StringComparison.Ordinal) ? day.Month : day.Year)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertFocusIndicator(Focus focus) =>
        Assert.True(focus.FocusVisible && ((focus.OutlineStyle != "none" && focus.OutlineWidth != "0px") || focus.BoxShadow != "none"),
            $"<{focus.Tag} id='{focus.Id}' name='{focus.Name}'> has focus without a visible indicator "
            + $"(:focus-visible {focus.FocusVisible}, outline {focus.OutlineStyle} {focus.OutlineWidth}, box-shadow {focus.BoxShadow}).");

    private static async Task<Focus> FocusAsync(IPage page) => new(await page.EvaluateAsync<string[]>(DescribeFocus));

    private sealed class Focus(string[] f)
    {
        public string Tag => f[0];
        public string Type => f[1];
        public string Name => f[2];
        public string Value => f[3];
        public string Id => f[4];
        public string Class => f[5];
        public bool InForm => f[6] == "true";
        public bool DontKnow => f[7] == "true";
        public bool FocusVisible => f[8] == "true";
        public string OutlineStyle => f[9];
        public string OutlineWidth => f[10];
        public string BoxShadow => f[11];
        public string InputMode => f[12];
        public string MaxLength => f[13];
        public string DataMin => f[14];
        public string DataMax => f[15];
        public string Min => f[16];
        public int Left => int.Parse(f[17], System.Globalization.CultureInfo.InvariantCulture);
        public string DateMin => f[18];
        public bool InDate => Name.EndsWith(":day", StringComparison.Ordinal) || Name.EndsWith(":month", StringComparison.Ordinal) || Name.EndsWith(":year", StringComparison.Ordinal);
    }
}
