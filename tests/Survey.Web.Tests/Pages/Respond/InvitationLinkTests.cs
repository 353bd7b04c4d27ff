using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Respond;

/// <summary><c>/{lang}/i/{token}</c>: a personal link opens the survey once, in the member's language; every refusal is the same page.</summary>
[Collection(AppFixtureGroup.Name)]
public sealed class InvitationLinkTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Open_ValidLinkOfEnglishMemberUnderDutchAddress_RedirectsToFirstPageInEnglish()
    {
        var (_, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["en"]);
        var client = RespondentClient.For(app);

        var page = await client.GetAsync($"/nl/i/{invited[0].Token}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Matches("^/en/flowtest/[^/]+/first$", page.Path);
        Assert.Contains("Which colour?", page.Text, StringComparison.Ordinal);
        var draft = app.WithDb(db => db.Drafts.AsNoTracking().Single(d => d.Token == page.ResumeCode));
        Assert.Equal(invited[0].Invitation.Id, draft.InvitationId);
    }

    [Fact]
    public async Task Open_SameLinkTwiceBeforeSending_ContinuesTheSameDraft()
    {
        var (_, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["nl"]);
        var client = RespondentClient.For(app);

        var first = await client.GetAsync($"/nl/i/{invited[0].Token}");
        var again = await client.GetAsync($"/nl/i/{invited[0].Token.ToLowerInvariant()}");

        Assert.Equal(first.Path, again.Path);
        Assert.Equal(1, app.WithDb(db => db.Drafts.Count(d => d.InvitationId == invited[0].Invitation.Id)));
    }

    [Fact]
    public async Task Open_AfterCompletion_ShowsNeutralPageAndInvitationKeepsTheDayOnly()
    {
        var (_, invited) = await PanelWaves.CreateAsync(app, "flowtest", ["nl"]);
        var client = RespondentClient.For(app);
        var done = await PanelWaves.CompleteFlowtestAsync(client, await client.GetAsync($"/nl/i/{invited[0].Token}"), "once");
        Assert.EndsWith("/flowtest/done", done.Path, StringComparison.Ordinal);

        var used = await client.GetAsync($"/nl/i/{invited[0].Token}");

        Assert.Equal(HttpStatusCode.NotFound, used.Status);
        Assert.Contains("Deze link werkt niet", used.Text, StringComparison.Ordinal);
        var invitation = app.WithDb(db => db.Invitations.AsNoTracking().Single(i => i.Id == invited[0].Invitation.Id));
        Assert.Equal((InvitationStatus.Answered, new DateOnly(2026, 11, 21)), (invitation.Status, invitation.AnsweredOn));
        Assert.Equal(0, app.WithDb(db => db.Drafts.Count(d => d.InvitationId == invited[0].Invitation.Id)));
    }

    [Fact]
    public async Task Open_UsedExpiredUnknownOrMalformed_AllGiveTheIdenticalPageAndStatusInBothLanguages()
    {
        var (_, used) = await PanelWaves.CreateAsync(app, "flowtest", ["nl"]);
        var client = RespondentClient.For(app);
        await PanelWaves.CompleteFlowtestAsync(client, await client.GetAsync($"/nl/i/{used[0].Token}"), "used");
        // Closed yesterday (Amsterdam): the link has expired.
        var (_, expired) = await PanelWaves.CreateAsync(app, "flowtest", ["nl"], closes: new DateOnly(2026, 11, 22));
        app.WithDb(db => db.Invitations.Where(i => i.Id == expired[0].Invitation.Id).Join(db.Waves, i => i.WaveId, w => w.Id, (i, w) => w)
            .ExecuteUpdate(s => s.SetProperty(w => w.ClosesOn, new DateOnly(2026, 11, 20))));

        var pages = new List<HtmlPage>();
        var withoutToken = new List<string>();
        foreach (var token in new[] { used[0].Token, expired[0].Token, "ABCDEFGHJKMNPQRSTVWXYZ0123", "not-a-token" })
        {
            var page = await RespondentClient.For(app).GetAsync($"/en/i/{token}");
            pages.Add(page);
            withoutToken.Add(page.Html.Replace(token, "TOKEN", StringComparison.Ordinal));
        }

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.NotFound, p.Status));
        Assert.Single(withoutToken.Distinct());
        Assert.Contains("This link does not work", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("lang=\"nl\"", pages[0].Html, StringComparison.Ordinal);
        Assert.Equal(0, app.WithDb(db => db.Drafts.Count(d => d.InvitationId == expired[0].Invitation.Id)));
    }
}

/// <summary>Guessing links is rate-limited per client with the shipped limit; another client is not affected.</summary>
public sealed class InvitationLinkRateLimitTests(RealRateLimitsAppFactory app) : IClassFixture<RealRateLimitsAppFactory>
{
    private RespondentClient Client(string address)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return new RespondentClient(http);
    }

    [Fact]
    public async Task Open_BurstOfGuessesFromOneClient_RefusedWith429AfterTheLimit()
    {
        var limit = app.WithScope(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Survey.Web.Infrastructure.RateLimitOptions>>(sp).Value.InvitationLinks);
        Assert.Equal((20, 600), (limit.PermitLimit, limit.WindowSeconds));
        var guesser = Client("203.0.113.61");
        for (var i = 0; i < limit.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/nl/i/ABCDEFGHJKMNPQRSTVWXYZ{i:D4}")).Status);
        }

        var refused = await guesser.GetAsync("/nl/i/ABCDEFGHJKMNPQRSTVWXYZ9999");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client("203.0.113.62").GetAsync("/nl/i/ABCDEFGHJKMNPQRSTVWXYZ9999")).Status);
    }
}
