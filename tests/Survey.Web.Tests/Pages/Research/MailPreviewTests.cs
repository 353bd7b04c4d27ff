using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Definitions;

namespace Survey.Web.Tests.Pages.Research;

/// <summary>The researchers' mail preview: behind the sign-in, every template in both languages with subject, HTML and text.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class MailPreviewTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Preview_Anonymous_RedirectedToSignIn()
    {
        var client = CookieJarClient.For(app);

        var page = await client.GetAsync("/nl/research/mail");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/nl/research/login", page.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Mail aan panelleden", "Onderwerp")]
    [InlineData("en", "Mail to panel members", "Subject")]
    public async Task Preview_SignedIn_ShowsEveryTemplateInBothLanguagesWithSampleLinks(string language, string title, string subjectLabel)
    {
        var client = CookieJarClient.For(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ResearcherAccounts>().CreateAsync("mail-preview-" + language, "correct horse battery staple");
        }
        await client.SignInAsync("mail-preview-" + language, "correct horse battery staple");

        var page = await client.GetAsync($"/{language}/research/mail");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<h1>{title}</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains(subjectLabel, page.Html, StringComparison.Ordinal);
        foreach (var template in MailTemplateCatalog.Placeholders.Keys)
        {
            Assert.Contains($"id=\"mail-{template}-nl\"", page.Html, StringComparison.Ordinal);
            Assert.Contains($"id=\"mail-{template}-en\"", page.Html, StringComparison.Ordinal);
        }
        Assert.Contains("Uitnodiging: Testenqu", page.Html, StringComparison.Ordinal);
        Assert.Contains("Invitation: Test survey", page.Html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"mail-body\" lang=\"en\"><p>Dear participant,</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains("/en/panel/unsubscribe/", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", page.Html, StringComparison.Ordinal);
    }
}
