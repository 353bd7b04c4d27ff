using System.Net;
using System.Text;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary>Oversized answers and forms are refused in the respondent's language, with nothing stored.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class LimitsTests(SurveyAppFactory app)
{
    private static readonly string Combining = "a" + new string('\u0301', 4500);

    private string DraftJson(string code) => app.WithDb(db => db.Drafts.Single(d => d.Token == code).AnswersJson);

    [Fact]
    public async Task Post_OneLetterWithThousandsOfCombiningMarks_FieldErrorKeepsOtherAnswersAndStoresNothing()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");
        var before = DraftJson(first.ResumeCode);

        var page = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("remark", Combining), ("nav", "next"));

        Assert.Equal(first.Path, page.Path);
        Assert.Contains("Your answer is too long. Use 20 characters at most.", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("form had expired", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, DraftJson(first.ResumeCode));
    }

    [Theory]
    [InlineData("en", "Your answer is too long")]
    [InlineData("nl", "Uw antwoord is te lang")]
    public async Task Post_FormOverTheCap_Is413PageInLanguageNotFormExpiredAndStoresNothing(string language, string title)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync(language, "flowtest");
        var before = DraftJson(first.ResumeCode);

        var page = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("padding", new string('x', 300 * 1024)), ("nav", "next"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains(title, page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{first.Path}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("verlopen", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, DraftJson(first.ResumeCode));
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheCap_Is413AndStoresNothing()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");
        var before = DraftJson(first.ResumeCode);
        var body = "colour=red&age=42&nav=next&remark=" + new string('x', 300 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await client.Http.PostAsync(first.Path, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Your answer is too long", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, DraftJson(first.ResumeCode));
    }

    [Theory]
    [InlineData("en", "We could not read your answer")]
    [InlineData("nl", "We konden uw antwoord niet lezen")]
    public async Task Post_NulByteInText_Is400PageInLanguageNotFormExpiredAndStoresNothing(string language, string title)
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync(language, "flowtest");
        var before = DraftJson(first.ResumeCode);

        var page = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("remark", "fine\0bad"), ("nav", "next"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(title, page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{first.Path}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("verlopen", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, DraftJson(first.ResumeCode));
    }

    [Fact]
    public async Task Post_ControlCharacterInText_FieldErrorKeepsOtherAnswersAndStoresNothing()
    {
        var client = RespondentClient.For(app);
        var first = await client.StartAsync("en", "flowtest");
        var before = DraftJson(first.ResumeCode);

        var page = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("remark", "bell\u0007"), ("nav", "next"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(first.Path, page.Path);
        Assert.Contains("We cannot use this answer.", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, DraftJson(first.ResumeCode));
    }

    [Fact]
    public async Task Save_DraftOverTheCap_Is413AndStoresNothing()
    {
        await using var small = new SmallDraftAppFactory();
        var client = RespondentClient.For(small);
        var first = await client.StartAsync("en", "flowtest");
        var before = small.WithDb(db => db.Drafts.Single(d => d.Token == first.ResumeCode).AnswersJson);

        var page = await client.PostAsync(first, ("colour", "red"), ("age", "42"), ("remark", "twenty characters!!!"), ("nav", "next"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains("Your answer is too long", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, small.WithDb(db => db.Drafts.Single(d => d.Token == first.ResumeCode).AnswersJson));
    }

    /// <summary>A draft cap of 100 bytes, so one page of flowtest passes it.</summary>
    private sealed class SmallDraftAppFactory : SurveyAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Limits:MaxDraftBytes", "100");
        }
    }
}
