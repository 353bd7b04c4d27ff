using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Survey.Web.Tests.Pages.Respond;

[Collection(AppFixtureGroup.Name)]
public sealed class QuestionTests(SurveyAppFactory app)
{
    private int Responses() => app.WithDb(db => db.Responses.Count());

    private static (string, string)[] ValidFirstPage(string colour = "red") => [("colour", colour), ("age", "42"), ("nav", "next")];

    [Theory]
    [InlineData("nl", "Kies een van de antwoorden.", "Er ging iets mis", "Welke kleur? Kies een van de antwoorden.")]
    [InlineData("en", "Choose one of the answers.", "There is a problem", "Which colour? Choose one of the answers.")]
    public async Task Next_MissingRequiredAnswer_ShowsErrorSummaryInRespondentLanguage(string language, string message, string summary, string summaryLink)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync(language, "flowtest");

        var again = await client.PostAsync(first, ("age", "42"), ("nav", "next"));

        Assert.Equal(first.Path, again.Path);
        Assert.Contains(summary, again.Text, StringComparison.Ordinal);
        Assert.Contains(message, again.Text, StringComparison.Ordinal);
        // The link lands on the first radio (a control that takes focus), not on the fieldset.
        Assert.Contains($"<a href=\"#f-colour-red\">{summaryLink}</a>", again.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"f-colour-red\"", again.Html, StringComparison.Ordinal);
        Assert.Contains($"</span> {message}</p>", again.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_CodeNotAmongOptions_IsRefusedAndNothingSaved()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");

        var again = await client.PostAsync(first, ("colour", "purple"), ("age", "42"), ("nav", "next"));

        Assert.Equal(first.Path, again.Path);
        Assert.Contains("We cannot use this answer", again.Text, StringComparison.Ordinal);
        var token = first.ResumeCode;
        var stored = app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == token).AnswersJson);
        Assert.DoesNotContain("purple", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age", "15", "Vul een waarde in van 16 tot en met 110.")]
    [InlineData("age", "forty", "Dit antwoord kunnen we niet verwerken.")]
    [InlineData("age", "42,5", "Dit antwoord kunnen we niet verwerken.")]
    [InlineData("remark", "this text is longer than twenty characters", "Uw antwoord is te lang. Gebruik maximaal 20 tekens.")]
    public async Task Next_InvalidValue_IsRefusedWithDutchMessage(string field, string value, string message)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("nl", "flowtest");
        var fields = new Dictionary<string, string> { ["colour"] = "red", ["age"] = "42", ["nav"] = "next", [field] = value };

        var again = await client.PostAsync(first, fields);

        Assert.Equal(first.Path, again.Path);
        Assert.Contains(message, again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_OtherChosenWithoutText_AsksForTheText()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");

        var again = await client.PostAsync(first, ("colour", "other"), ("age", "42"), ("nav", "next"));

        Assert.Contains("Please say what you mean by 'other'.", again.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"#other-text-colour\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"other-text-colour\">", again.Html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(again.Html, "id=\"other-text-colour\""));
    }

    [Fact]
    public async Task Next_TooManyChoices_IsRefused()
    {
        var client = RespondentClient.For(app);
        var second = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage());

        var again = await client.PostAsync(second, ("pets", "cat"), ("pets", "dog"), ("pets", "fish"), ("nav", "next"));

        Assert.Equal(second.Path, again.Path);
        Assert.Contains("Choose 2 at most.", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_QuestionPage_EnterInTextFieldGoesToNextPageNotToLanguageSwitch()
    {
        var first = await RespondentClient.For(app).StartAsync("en", "flowtest");

        // The default button of a form is its first submit button in document order (HTML, implicit submission).
        var firstSubmit = Regex.Match(first.Html, "<button type=\"submit\"[^>]*>");

        Assert.Contains("name=\"nav\" value=\"next\"", firstSubmit.Value, StringComparison.Ordinal);
        Assert.True(first.Html.IndexOf(firstSubmit.Value, StringComparison.Ordinal) < first.Html.IndexOf("name=\"switchTo\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_PageNotYetReached_RedirectsToFurthestPage()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");

        var jumped = await client.GetAsync(first.Path.Replace("/first", "/last", StringComparison.Ordinal));

        Assert.Equal(first.Path, jumped.Path);
    }

    [Fact]
    public async Task Post_PageNotReached_IsNotStored()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");
        var forged = first with { Url = new Uri(first.Url, first.Path.Replace("/first", "/last", StringComparison.Ordinal)) };
        var before = Responses();

        var result = await client.PostAsync(forged, ("district", "merenwijk"), ("nav", "submit"));

        Assert.Equal(first.Path, result.Path);
        Assert.Equal(before, Responses());
    }

    [Fact]
    public async Task QuestionAndCheckPages_SetNoCookieAndTakePostsWithoutAntiforgeryToken()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("nl", "flowtest");
        Assert.Null(first.AntiforgeryToken);
        using var bare = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var get = await bare.GetAsync(first.Path);
        using var post = await bare.PostAsync(first.Path, new FormUrlEncodedContent([new("colour", "red"), new("age", "42"), new("nav", "next")]));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie"));
        var token = first.ResumeCode;
        Assert.Contains("\"colour\"", app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == token).AnswersJson), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task Post_MarkedAsSentFromAnotherSite_StoresNothingAndExplainsInDutch(string site)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("nl", "flowtest");
        var token = first.ResumeCode;

        using var request = new HttpRequestMessage(HttpMethod.Post, first.Url)
        {
            Content = new FormUrlEncodedContent([new("colour", "red"), new("age", "42"), new("nav", "next")]),
        };
        request.Headers.Add("Sec-Fetch-Site", site);
        using var response = await client.Http.SendAsync(request);
        var result = await response.Content.ReadAsStringAsync();

        Assert.Equal(first.Path, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Het formulier was verlopen", WebUtility.HtmlDecode(result), StringComparison.Ordinal);
        Assert.Equal("{}", app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == token).AnswersJson));
    }

    [Fact]
    public async Task Send_MarkedAsSentFromAnotherSite_StoresNoResponse()
    {
        var client = RespondentClient.For(app);
        var page = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage());
        var last = await client.PostAsync(page, ("nav", "next"));
        var check = await client.PostAsync(last, ("district", "merenwijk"), ("nav", "next"));
        Assert.EndsWith("/check", check.Path, StringComparison.Ordinal);
        var before = Responses();

        using var request = new HttpRequestMessage(HttpMethod.Post, check.Url) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await client.Http.SendAsync(request);

        Assert.EndsWith("/check", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(before, Responses());
        var sent = await client.PostAsync(check);
        Assert.EndsWith("/done", sent.Path, StringComparison.Ordinal);
        Assert.Equal(before + 1, Responses());
    }

    [Fact]
    public async Task Conditions_BlueChosen_ShowsExtraPageAndOtherwiseSkipsIt()
    {
        var client = RespondentClient.For(app);
        var second = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage("blue"));
        var third = await client.PostAsync(second, ("nav", "next"));
        Assert.EndsWith("/blue_page", third.Path, StringComparison.Ordinal);
        Assert.Contains("page 3 of about 4", third.Text, StringComparison.Ordinal);

        var other = RespondentClient.For(app);
        var otherSecond = await other.PostAsync(await other.StartAsync("en", "flowtest"), ValidFirstPage("red"));
        var otherThird = await other.PostAsync(otherSecond, ("nav", "next"));
        Assert.EndsWith("/last", otherThird.Path, StringComparison.Ordinal);
        // Counted over all pages: the skipped page leaves a gap instead of changing the total.
        Assert.Contains("page 4 of about 4", otherThird.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_FromSecondPage_ShowsFirstPageWithSavedAnswers()
    {
        var client = RespondentClient.For(app);
        var second = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage("blue"));

        var back = await client.PostAsync(second, ("pets", "cat"), ("nav", "back"));

        Assert.EndsWith("/first", back.Path, StringComparison.Ordinal);
        Assert.Contains("value=\"blue\" checked=\"checked\"", back.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", back.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_HalfwayThrough_KeepsAnswersIncludingThisPage()
    {
        var client = RespondentClient.For(app);
        var second = await client.PostAsync(await client.StartAsync("nl", "flowtest"), ValidFirstPage());
        Assert.Contains("Welke dieren?", second.Text, StringComparison.Ordinal);

        var english = await client.PostAsync(second, ("pets", "dog"), ("switchTo", "en"));

        Assert.StartsWith("/en/flowtest/", english.Path, StringComparison.Ordinal);
        Assert.EndsWith("/second", english.Path, StringComparison.Ordinal);
        Assert.Contains("Which animals?", english.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"dog\" checked=\"checked\"", english.Html, StringComparison.Ordinal);
        var back = await client.PostAsync(english, ("pets", "dog"), ("nav", "back"));
        Assert.Contains("value=\"42\"", back.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_CodeOnAnotherDevice_ContinuesOnFurthestPage()
    {
        var phone = RespondentClient.For(app);
        var second = await phone.PostAsync(await phone.StartAsync("nl", "flowtest"), ValidFirstPage());
        var code = second.ResumeCode;
        Assert.Contains(code[..5] + "-" + code[5..10] + "-" + code[10..], second.Text, StringComparison.Ordinal);

        var libraryPc = RespondentClient.For(app);
        var form = await libraryPc.GetAsync("/en/resume");
        var resumed = await libraryPc.PostAsync(form, ("code", code.ToLowerInvariant()[..5] + " " + code[5..]));

        Assert.Equal(second.Path.Replace("/nl/", "/en/", StringComparison.Ordinal), resumed.Path);
    }

    [Fact]
    public async Task Resume_UnknownCode_ShowsErrorLinkedToField()
    {
        var client = RespondentClient.For(app);
        var form = await client.GetAsync("/nl/resume");

        var result = await client.PostAsync(form, ("code", "AAAAA-AAAAA"));

        Assert.Contains("Deze code kennen we niet", result.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"#code\"", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_DoubleClick_StoresOneResponse()
    {
        var client = RespondentClient.For(app);
        var page = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage());
        var last = await client.PostAsync(page, ("nav", "next"));
        Assert.EndsWith("/last", last.Path, StringComparison.Ordinal);
        var before = Responses();

        var check = await client.PostAsync(last, ("district", "stevenshof"), ("nav", "next"));
        var first = await client.PostAsync(check);
        var second = await client.PostAsync(check);

        Assert.EndsWith("/done", first.Path, StringComparison.Ordinal);
        Assert.EndsWith("/done", second.Path, StringComparison.Ordinal);
        Assert.Equal(before + 1, Responses());
    }

    [Fact]
    public async Task Submit_AfterGoingBackAndChangingAnswer_AsksTheNewlyShownRequiredQuestion()
    {
        var client = RespondentClient.For(app);
        var second = await client.PostAsync(await client.StartAsync("en", "flowtest"), ValidFirstPage("red"));
        var last = await client.PostAsync(second, ("nav", "next"));
        var first = await client.GetAsync(last.Path.Replace("/last", "/first", StringComparison.Ordinal));
        await client.PostAsync(first, ValidFirstPage("blue"));
        var before = Responses();

        var result = await client.PostAsync(last, ("nav", "submit"));

        Assert.EndsWith("/blue_page", result.Path, StringComparison.Ordinal);
        Assert.Equal(before, Responses());
    }

    [Fact]
    public async Task Get_UnknownToken_IsNotFoundInRespondentLanguage()
    {
        var client = RespondentClient.For(app);

        var page = await client.GetAsync("/nl/flowtest/ZZZZZZZZZZ/first");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Pagina niet gevonden", page.Text, StringComparison.Ordinal);
    }
}
