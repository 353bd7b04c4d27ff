using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>A date question with <c>precision: month</c> (monthtest.yaml): two fields, month and year, stored <c>yyyy-mm</c>.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class MonthInputTests(SurveyAppFactory app)
{
    private static Task<HtmlPage> PageAsync(RespondentClient client, string language) => client.StartAsync(language, "monthtest");

    [Theory]
    [InlineData("nl", "maart 2024")]
    [InlineData("en", "March 2024")]
    public async Task Next_MonthAndYearTyped_StoresThatMonthAndShowsItBack(string language, string shown)
    {
        var client = RespondentClient.For(app);
        var page = await PageAsync(client, language);

        var check = await client.PostAsync(page, ("arrived:month", "3"), ("arrived:year", "2024"), ("nav", "next"));

        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        Assert.Contains(shown, check.Text, StringComparison.Ordinal);
        var token = page.ResumeCode;
        Assert.Contains("\"2024-03\"", app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == token).AnswersJson), StringComparison.Ordinal);
        var again = await client.GetAsync(page.Path);
        Assert.Contains("name=\"arrived:month\" value=\"3\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"arrived:year\" value=\"2024\"", again.Html, StringComparison.Ordinal);

        var done = await client.PostAsync(check);
        Assert.EndsWith("/monthtest/done", done.Path, StringComparison.Ordinal);
        Assert.Contains(app.WithDb(db => db.Responses.Include(r => r.Answers).AsNoTracking().SelectMany(r => r.Answers)
            .Where(a => a.QuestionId == "arrived").Select(a => a.Text).ToList()), text => text == "2024-03");
    }

    [Theory]
    [InlineData("nl", "13", "2024", "f-arrived-month", "De maand moet tussen 1 en 12 liggen.")]
    [InlineData("en", "13", "2024", "f-arrived-month", "The month must be between 1 and 12.")]
    [InlineData("nl", "maart", "2024", "f-arrived-month", "De maand moet tussen 1 en 12 liggen.")]
    [InlineData("nl", "3", "24", "f-arrived-year", "Het jaar moet uit 4 cijfers bestaan, bijvoorbeeld 2024.")]
    [InlineData("en", "3", "24", "f-arrived-year", "The year must have 4 digits, for example 2024.")]
    [InlineData("nl", "", "2024", "f-arrived-month", "De datum moet een maand hebben.")]
    [InlineData("en", "3", "", "f-arrived-year", "The date must include a year.")]
    [InlineData("nl", "", "", "f-arrived-month", "Vul de maand en het jaar in.")]
    [InlineData("en", "", "", "f-arrived-month", "Enter the month and the year.")]
    [InlineData("nl", "12", "1949", "f-arrived-month", "Vul een waarde in van januari 1950 tot en met december 2026.")]
    [InlineData("en", "1", "2027", "f-arrived-month", "from January 1950 to December 2026")]
    public async Task Next_MonthPartWrong_SaysWhatToDoAtThatPartAndKeepsWhatWasTyped(string language, string month, string year, string linkTo, string message)
    {
        var client = RespondentClient.For(app);
        var page = await PageAsync(client, language);

        var again = await client.PostAsync(page, ("arrived:month", month), ("arrived:year", year), ("nav", "next"));

        Assert.Equal(page.Path, again.Path);
        Assert.Contains(message, again.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{linkTo}\"", again.Html, StringComparison.Ordinal);
        Assert.Matches($"id=\"{linkTo}\"[^>]*aria-invalid=\"true\"", again.Html);
        Assert.Contains($"name=\"arrived:month\" value=\"{month}\"", again.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"arrived:year\" value=\"{year}\"", again.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"arrived\"", app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == page.ResumeCode).AnswersJson), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Maand", "Jaar", "Bijvoorbeeld 3 2024 voor maart 2024.")]
    [InlineData("en", "Month", "Year", "For example 3 2024 for March 2024.")]
    public async Task Get_MonthQuestion_HasTwoLabelledNumericFieldsAndAHintInTheRespondentsLanguage(string language, string month, string year, string hint)
    {
        var page = await PageAsync(RespondentClient.For(app), language);

        Assert.Contains("<fieldset class=\"question \" id=\"f-arrived\"", page.Html, StringComparison.Ordinal);
        foreach (var (part, label) in new[] { ("month", month), ("year", year) })
        {
            Assert.Contains($"<label for=\"f-arrived-{part}\">{label}</label>", page.Html, StringComparison.Ordinal);
            Assert.Matches($"<input type=\"text\" inputmode=\"numeric\" id=\"f-arrived-{part}\" name=\"arrived:{part}\"", page.Html);
        }
        Assert.Contains($"<p class=\"help\" id=\"f-arrived-hint\">{hint}</p>", page.Html, StringComparison.Ordinal);
        Assert.Matches("<fieldset[^>]*aria-describedby=\"[^\"]*f-arrived-hint", page.Html);
        Assert.DoesNotContain("arrived:day", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"date\"", page.Html, StringComparison.Ordinal);
    }
}
