using System.Net;

namespace Survey.Web.Tests.Pages.Respond;

[Collection(AppFixtureGroup.Name)]
public sealed class StartTests(SurveyAppFactory app)
{
    [Theory]
    [InlineData("en-GB,en;q=0.9", "/en")]
    [InlineData("nl-NL,nl;q=0.9,en;q=0.5", "/nl")]
    [InlineData("pl-PL", "/nl")]
    public async Task Root_AcceptLanguage_RedirectsToThatLanguage(string acceptLanguage, string expected)
    {
        var client = RespondentClient.For(app, acceptLanguage: acceptLanguage);

        var page = await client.GetAsync("/");

        Assert.Equal(expected, page.Path);
    }

    [Fact]
    public async Task Start_English_ListsOpenSurveysWithEnglishTitles()
    {
        var page = await RespondentClient.For(app).GetAsync("/en");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<html lang=\"en\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/en/flowtest\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Test survey", page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/nl\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intro_StartWithoutAntiforgeryToken_StartsNothing()
    {
        // The introduction keeps its token (README, forged posts): unlike question pages, its address holds no resume code.
        var client = RespondentClient.For(app);
        var intro = await client.GetAsync("/nl/flowtest");
        Assert.NotNull(intro.AntiforgeryToken);
        var before = app.WithDb(db => db.Drafts.Count());

        var result = await client.PostAsync(intro, [], withToken: false);

        Assert.Equal(intro.Path, result.Path);
        Assert.Equal(before, app.WithDb(db => db.Drafts.Count()));
    }

    [Fact]
    public async Task Start_UnsupportedLanguage_IsNotFound()
    {
        var page = await RespondentClient.For(app).GetAsync("/de");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task Pages_Always_SendPrivacyAndSecurityHeaders()
    {
        using var response = await RespondentClient.For(app).Http.GetAsync("/nl");

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
