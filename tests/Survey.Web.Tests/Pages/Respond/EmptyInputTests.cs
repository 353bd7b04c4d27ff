namespace Survey.Web.Tests.Pages.Respond;

/// <summary>Messages that say what to do: an empty resume code, and the contact route of the accessibility statement.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class EmptyInputTests(SurveyAppFactory app)
{
    [Theory]
    [InlineData("nl", "Vul uw code in.")]
    [InlineData("en", "Enter your code.")]
    public async Task Resume_EmptyCode_AsksForTheCodeAtTheField(string language, string message)
    {
        var client = RespondentClient.For(app);
        var form = await client.GetAsync($"/{language}/resume");

        var result = await client.PostAsync(form, ("code", "  "));

        Assert.Contains($"</span> {message}</p>", result.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#code\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"code-input\"", result.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Mail naar")]
    [InlineData("en", "Email")]
    public async Task Accessibility_Statement_NamesMailAndPhoneFromSettings(string language, string sentence)
    {
        var page = await RespondentClient.For(app).GetAsync($"/{language}/accessibility");

        Assert.Contains(sentence, page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:toegankelijkheid@leiden.nl\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:14071\">14 071</a>", page.Html, StringComparison.Ordinal);
    }
}
