using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>The back link keeps the draft; "check your answers" lists everything, its change links come back, and only it sends.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class CheckAnswersTests(SurveyAppFactory app)
{
    private int Responses() => app.WithDb(db => db.Responses.Count());

    private static async Task<HtmlPage> CheckPageAsync(RespondentClient client, string language, string colour = "red")
    {
        var second = await client.PostAsync(await client.StartAsync(language, "flowtest"),
            ("colour", colour), ("age", "42"), ("remark", "fine"), ("nav", "next"));
        var next = await client.PostAsync(second, ("pets", "cat"), ("pets", "fish"), ("mark", "8"), ("nav", "next"));
        if (colour == "blue")
        {
            next = await client.PostAsync(next, ("why_blue", "It is calm"), ("nav", "next"));
        }
        var check = await client.PostAsync(next, ("district", "merenwijk"), ("grid:a", "1"), ("grid:b", "2"), ("moved", "2015"),
            ("day:day", "15"), ("day:month", "3"), ("day:year", "2024"), ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        return check;
    }

    [Theory]
    [InlineData("nl", "Controleer uw antwoorden", "Wijzigen", "Rood", "Kat", "Stelling A: Oneens", "15 maart 2024")]
    [InlineData("en", "Check your answers", "Change", "Red", "Cat", "Statement A: Disagree", "15 March 2024")]
    public async Task LastPage_Next_ListsEveryAnswerInRespondentLanguageWithChangeLinks(string language, string title, string change, params string[] answers)
    {
        var client = RespondentClient.For(app);
        var before = Responses();

        var check = await CheckPageAsync(client, language);

        Assert.Contains(title, check.Text, StringComparison.Ordinal);
        foreach (var answer in answers.Concat(["42", "fine", "8", "Merenwijk", "2015"]))
        {
            Assert.Contains(answer, check.Text, StringComparison.Ordinal);
        }
        // One change link per question shown (colour, age, remark, pets, mark, district, grid, moved, day), to its own page.
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Count(check.Html, $">{change}<span class=\"visually-hidden\">"));
        Assert.Contains($"href=\"/{language}/flowtest/{check.ResumeCode}/first?return=check#f-colour\"", check.Html, StringComparison.Ordinal);
        Assert.Equal(before, Responses());
    }

    [Fact]
    public async Task QuestionPages_HaveNoSendButton_OnlyTheCheckPageSends()
    {
        var client = RespondentClient.For(app);
        var check = await CheckPageAsync(client, "en");
        var last = await client.GetAsync(check.Path.Replace("/check", "/last", StringComparison.Ordinal));
        Assert.DoesNotContain("value=\"submit\"", last.Html, StringComparison.Ordinal);
        var before = Responses();

        // A stray nav=submit on a question page (an old form) leads to the check page and stores nothing.
        var stray = await client.PostAsync(last, ("nav", "submit"));
        Assert.EndsWith("/check", stray.Path, StringComparison.Ordinal);
        Assert.Equal(before, Responses());

        var done = await client.PostAsync(check);
        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);
        Assert.Equal(before + 1, Responses());
    }

    [Fact]
    public async Task ChangeLink_AnswerChanged_ReturnsToCheckPageWithNewAnswer()
    {
        var client = RespondentClient.For(app);
        var check = await CheckPageAsync(client, "en");
        var change = await client.GetAsync($"/en/flowtest/{check.ResumeCode}/second?return=check");
        Assert.Contains("name=\"return\" value=\"check\"", change.Html, StringComparison.Ordinal);
        Assert.Contains($"class=\"back-link\" href=\"/en/flowtest/{check.ResumeCode}/check\"", change.Html, StringComparison.Ordinal);

        var back = await client.PostAsync(change, ("pets", "dog"), ("mark", "3"), ("return", "check"), ("nav", "next"));

        Assert.EndsWith("/check", back.Path, StringComparison.Ordinal);
        Assert.Contains("Dog", back.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cat", back.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeLink_AnswerBringsInAPage_AsksItBeforeReturningToCheckPage()
    {
        var client = RespondentClient.For(app);
        var check = await CheckPageAsync(client, "en", colour: "red");
        var change = await client.GetAsync($"/en/flowtest/{check.ResumeCode}/first?return=check");

        var extra = await client.PostAsync(change, ("colour", "blue"), ("age", "42"), ("return", "check"), ("nav", "next"));
        Assert.EndsWith("/blue_page", extra.Path, StringComparison.Ordinal);
        var stillCheck = await client.GetAsync(check.Path);
        Assert.EndsWith("/blue_page", stillCheck.Path, StringComparison.Ordinal);

        var back = await client.PostAsync(extra, ("why_blue", "Calm"), ("return", "check"), ("nav", "next"));
        Assert.EndsWith("/check", back.Path, StringComparison.Ordinal);
        Assert.Contains("Calm", back.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BeforeLastPage_RedirectsToFurthestPageReached()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");

        var check = await client.GetAsync(first.Path.Replace("/first", "/check", StringComparison.Ordinal));

        Assert.Equal(first.Path, check.Path);
    }

    [Theory]
    [InlineData("nl", "Ga verder met uw antwoorden")]
    [InlineData("en", "Continue with your answers")]
    public async Task BackLink_OnFirstPage_LeadsToIntroductionThatContinuesTheSameDraft(string language, string continueText)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync(language, "flowtest");
        var second = await client.PostAsync(first, ("colour", "blue"), ("age", "42"), ("nav", "next"));
        var backHref = System.Text.RegularExpressions.Regex.Match(second.Html, "class=\"back-link\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(first.Path, backHref);
        var drafts = app.WithDb(db => db.Drafts.Count());

        var onFirst = await client.GetAsync(backHref);
        var intro = await client.GetAsync(System.Text.RegularExpressions.Regex.Match(onFirst.Html, "class=\"back-link\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal($"/{language}/flowtest", intro.Path);
        Assert.Contains(continueText, intro.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("method=\"post\"", intro.Html.Split("<main")[1], StringComparison.Ordinal);
        var continued = await client.GetAsync(System.Text.RegularExpressions.Regex.Match(intro.Html, "class=\"button\" href=\"([^\"]+)\"").Groups[1].Value);

        Assert.Equal(first.Path, continued.Path);
        Assert.Contains("value=\"blue\" checked=\"checked\"", continued.Html, StringComparison.Ordinal);
        Assert.Equal(drafts, app.WithDb(db => db.Drafts.Count()));
    }
}
