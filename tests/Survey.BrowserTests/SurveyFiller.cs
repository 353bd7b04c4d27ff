using System.Globalization;
using Microsoft.Playwright;

namespace Survey.BrowserTests;

/// <summary>
/// Answers whatever questions the current page shows (conditional questions appear only later, so this reads the DOM
/// page by page) with choices that are always valid: the first real option of each group, never "don't know" and
/// never "other, namely"; numbers, years and dates at the edge of their range; "Test" for text.
/// </summary>
internal static class SurveyFiller
{
    // A choice followed by its "other, namely" text box is avoided: it would need the text too.
    private const string RealChoice = ".choice:not(.dont-know):not(:has(+ .other-text))";

    public static async Task FillPageAsync(IPage page)
    {
        var form = page.Locator("form#answers");
        await CheckFirstOfEachGroupAsync(form, "radio");
        await CheckFirstOfEachGroupAsync(form, "checkbox");

        foreach (var select in await form.Locator("select").AllAsync())
        {
            var values = await select.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
            if (string.IsNullOrEmpty(await select.InputValueAsync()) && values.FirstOrDefault(v => v.Length > 0) is { } value)
            {
                await select.SelectOptionAsync(value);
            }
        }

        // Year (maxlength 4) apart from number: both are inputmode=numeric. Razor leaves out data-min/-max when unbounded.
        foreach (var year in await form.Locator("input[inputmode=numeric][maxlength='4']").AllAsync())
        {
            await year.FillAsync(NonEmpty(await year.GetAttributeAsync("data-max"))
                ?? NonEmpty(await year.GetAttributeAsync("data-min")) ?? "2000");
        }
        foreach (var number in await form.Locator("input[inputmode]:not([maxlength='4']):not(.date-part > input)").AllAsync())
        {
            await number.FillAsync(NumberInRange(await number.GetAttributeAsync("data-min"), await number.GetAttributeAsync("data-max")));
        }
        // A date is three fields (day, month, year), or two (month, year) when it asks only the month; the group carries the
        // bounds as yyyy-mm-dd or yyyy-mm.
        foreach (var date in await form.Locator(".date-input").AllAsync())
        {
            var bound = NonEmpty(await date.GetAttributeAsync("data-min")) ?? NonEmpty(await date.GetAttributeAsync("data-max")) ?? "2000-01-01";
            var day = DateOnly.ParseExact(bound.Length == 7 ? bound + "-01" : bound, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (await date.Locator("input[name$=':day']").CountAsync() > 0)
            {
                await date.Locator("input[name$=':day']").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
            }
            await date.Locator("input[name$=':month']").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
            await date.Locator("input[name$=':year']").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var text in await form.Locator("input[type=text]:not([inputmode]):not([name$=':other']), textarea").AllAsync())
        {
            await text.FillAsync("Test");
        }
    }

    /// <summary>Everything the respondent has put on the page, by element id: to compare before and after a reload.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAnswersAsync(IPage page)
    {
        var answers = await page.Locator("form#answers").Locator("input:not([type=hidden]), select, textarea").EvaluateAllAsync<string[][]>(
            """
            fields => fields
                .map(f => [f.id, f.type === 'radio' || f.type === 'checkbox' ? (f.checked ? 'checked' : '') : f.value])
                .filter(([id, value]) => id && value)
            """);
        return answers.ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    private static async Task CheckFirstOfEachGroupAsync(ILocator form, string type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in await form.Locator($"{RealChoice} > input[type={type}]").AllAsync())
        {
            // One per group: a single radio per question, and one checkbox (a "choose at most n" limit always allows 1).
            if (await input.GetAttributeAsync("name") is { } name && seen.Add(name))
            {
                await input.CheckAsync();
            }
        }
    }

    private static string NumberInRange(string? min, string? max)
    {
        // An integer, also for inputmode=decimal: the lowest whole number in [min, max], or 1 without bounds.
        var low = double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? Math.Ceiling(m) : 1;
        if (double.TryParse(max, NumberStyles.Float, CultureInfo.InvariantCulture, out var high) && low > high)
        {
            return max!;
        }
        return low.ToString(CultureInfo.InvariantCulture);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
