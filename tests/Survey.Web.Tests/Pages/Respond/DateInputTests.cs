using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>The date question as three fields, day, month and year (GOV.UK date input): what is typed is what is stored.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class DateInputTests(SurveyAppFactory app)
{
    private static async Task<HtmlPage> LastPageAsync(RespondentClient client, string language)
    {
        var second = await client.PostAsync(await client.StartAsync(language, "flowtest"), ("colour", "red"), ("age", "42"), ("nav", "next"));
        var last = await client.PostAsync(second, ("nav", "next"));
        Assert.EndsWith("/last", last.Path, StringComparison.Ordinal);
        return last;
    }

    [Theory]
    [InlineData("nl", "3 december 2024")]
    [InlineData("en", "3 December 2024")]
    public async Task Next_DayMonthYearTyped_StoresThatDayAndShowsItBack(string language, string shown)
    {
        var client = RespondentClient.For(app);
        var last = await LastPageAsync(client, language);

        // 3-12-2024 as a Dutch resident writes it: once stored as 2024-12-03 only after a native date field misread it.
        var check = await client.PostAsync(last, ("day:day", "3"), ("day:month", "12"), ("day:year", "2024"), ("nav", "next"));

        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        Assert.Contains(shown, check.Text, StringComparison.Ordinal);
        var token = last.ResumeCode;
        Assert.Contains("\"2024-12-03\"", app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == token).AnswersJson), StringComparison.Ordinal);
        var again = await client.GetAsync(last.Path);
        Assert.Contains("name=\"day:day\" value=\"3\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"day:month\" value=\"12\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"day:year\" value=\"2024\"", again.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "15", "13", "2024", "f-day-month", "De maand moet tussen 1 en 12 liggen.")]
    [InlineData("en", "15", "13", "2024", "f-day-month", "The month must be between 1 and 12.")]
    [InlineData("nl", "31", "4", "2024", "f-day-day", "Die dag bestaat niet in deze maand.")]
    [InlineData("nl", "15", "3", "", "f-day-year", "De datum moet een jaar hebben.")]
    [InlineData("en", "15", "3", "24", "f-day-year", "The year must have 4 digits")]
    public async Task Next_DatePartWrong_SaysWhichPartAndKeepsWhatWasTyped(string language, string day, string month, string year, string linkTo, string message)
    {
        var client = RespondentClient.For(app);
        var last = await LastPageAsync(client, language);

        var again = await client.PostAsync(last, ("day:day", day), ("day:month", month), ("day:year", year), ("nav", "next"));

        Assert.Equal(last.Path, again.Path);
        Assert.Contains(message, again.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{linkTo}\"", again.Html, StringComparison.Ordinal);
        Assert.Matches($"id=\"{linkTo}\"[^>]*aria-invalid=\"true\"", again.Html);
        Assert.Contains($"name=\"day:day\" value=\"{day}\"", again.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"day:month\" value=\"{month}\"", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DateQuestion_HasThreeLabelledNumericFieldsInAFieldset()
    {
        var last = await LastPageAsync(RespondentClient.For(app), "nl");

        Assert.Contains("<fieldset class=\"question \" id=\"f-day\"", last.Html, StringComparison.Ordinal);
        foreach (var (part, label) in new[] { ("day", "Dag"), ("month", "Maand"), ("year", "Jaar") })
        {
            Assert.Contains($"<label for=\"f-day-{part}\">{label}</label>", last.Html, StringComparison.Ordinal);
            Assert.Matches($"<input type=\"text\" inputmode=\"numeric\" id=\"f-day-{part}\" name=\"day:{part}\"", last.Html);
        }
        Assert.DoesNotContain("type=\"date\"", last.Html, StringComparison.Ordinal);
    }
}
