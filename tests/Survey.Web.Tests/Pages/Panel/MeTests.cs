using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Panel;

[Collection(AppFixtureGroup.Name)]
public sealed class MeTests(SurveyAppFactory app)
{
    [Fact]
    public async Task Get_MyData_ShowsWhatIsStoredWithoutCachingOrReferrer()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);

        using var response = await RespondentClient.For(app).Http.GetAsync($"/en/panel/me/{token}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(member.Email, html, StringComparison.Ordinal);
        Assert.Contains("German", html, StringComparison.Ordinal);
        Assert.Contains("import", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Save_ChangedLanguageAndProfile_StoresThemAndShowsThePageInTheNewLanguage()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        var client = RespondentClient.For(app);
        var page = await client.GetAsync($"/en/panel/me/{token}");

        var saved = await client.PostFormAsync(page, $"/en/panel/me/{token}?handler=save",
            ("language", "nl"), ("nationality", ""), ("district", "stevenshof"), ("age_band", "65+"));

        Assert.Equal($"/nl/panel/me/{token}", saved.Path);
        Assert.True(saved.Contains("Uw wijzigingen zijn opgeslagen"), saved.Text);
        var stored = app.WithDb(db => db.PanelMembers.AsNoTracking().Single(m => m.Id == member.Id));
        Assert.Equal(("nl", null, "stevenshof", "65+"), (stored.Language, stored.Nationality, stored.District, stored.AgeBand));
    }

    [Fact]
    public async Task Save_UnknownDistrict_ShowsErrorAndChangesNothing()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        var client = RespondentClient.For(app);
        var page = await client.GetAsync($"/en/panel/me/{token}");

        var saved = await client.PostFormAsync(page, $"/en/panel/me/{token}?handler=save", ("language", "en"), ("district", "atlantis"));

        Assert.True(saved.Contains("Please choose an answer from the list for 'District in Leiden'"), saved.Text);
        Assert.Equal("de", app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Nationality));
    }

    [Fact]
    public async Task Download_MyData_HoldsMemberAndInvitationsButNoTokenHash()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        await PanelData.InvitationsAsync(app, member.Id, InvitationStatus.Answered, InvitationStatus.Mailed);

        using var response = await RespondentClient.For(app).Http.GetAsync($"/en/panel/me/{token}?handler=download");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(member.Email, doc.RootElement.GetProperty("member").GetProperty("email").GetString());
        Assert.Equal("de", doc.RootElement.GetProperty("member").GetProperty("nationality").GetString());
        var invitations = doc.RootElement.GetProperty("invitations").EnumerateArray().ToList();
        Assert.Equal(["Answered", "Mailed"], invitations.Select(i => i.GetProperty("status").GetString()));
        Assert.All(invitations, i => Assert.Equal("flowtest", i.GetProperty("surveyId").GetString()));
        Assert.DoesNotContain(member.ManageTokenHash, json, StringComparison.Ordinal);
        Assert.DoesNotContain("tokenHash", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MailOffThenOn_ChangesStatusAndCancelsWaitingMail()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        await QueueAsync(member);
        var client = RespondentClient.For(app);
        var page = await client.GetAsync($"/en/panel/me/{token}");

        var off = await client.PostFormAsync(page, $"/en/panel/me/{token}?handler=mail", ("on", "false"));
        Assert.Equal(PanelMemberStatus.Unsubscribed, app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Status));
        Assert.All(PanelData.Outbox(app, member.Id), o => Assert.Equal((OutboxState.Cancelled, (string?)null), (o.State, o.ToAddress)));
        var on = await client.PostFormAsync(off, $"/en/panel/me/{token}?handler=mail", ("on", "true"));

        Assert.True(on.Contains("You will receive invitations again"), on.Text);
        Assert.Equal(PanelMemberStatus.Active, app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Status));
    }

    [Fact]
    public async Task Leave_DeletesMemberUnlinksInvitationsAndCancelsMail()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        var invitations = await PanelData.InvitationsAsync(app, member.Id, InvitationStatus.Answered, InvitationStatus.Mailed, InvitationStatus.Bounced);
        await QueueAsync(member);
        var client = RespondentClient.For(app);
        var page = await client.GetAsync($"/en/panel/leave/{token}");
        Assert.True(app.WithDb(db => db.PanelMembers.Any(m => m.Id == member.Id)));

        var left = await client.PostAsync(page);

        Assert.Equal("/en/panel/left", left.Path);
        Assert.False(app.WithDb(db => db.PanelMembers.Any(m => m.Id == member.Id || m.Email == member.Email)));
        var rows = app.WithDb(db => db.Invitations.AsNoTracking().Where(i => invitations.Contains(i.Id)).OrderBy(i => i.Id).ToList());
        Assert.All(rows, i => Assert.Null(i.MemberId));
        Assert.Equal([InvitationStatus.Answered, InvitationStatus.OptedOut, InvitationStatus.OptedOut], rows.Select(i => i.Status));
        Assert.All(rows, i => Assert.Equal("de", i.Stratum));
        Assert.False(app.WithDb(db => db.Outbox.Any(o => o.MemberId == member.Id || o.ToAddress == member.Email)));
        Assert.Equal(OutboxState.Cancelled, app.WithDb(db => db.Outbox.Single(o => o.Key == $"test:{member.Id:D}").State));
        var again = await client.GetAsync($"/en/panel/me/{token}");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.True(again.Contains("This link does not work"));
    }

    [Fact]
    public async Task Get_UnknownToken_ShowsTheNeutralPage()
    {
        var page = await RespondentClient.For(app).GetAsync($"/nl/panel/me/{PanelData.TokenOf(app, Guid.NewGuid())}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.True(page.Contains("Deze link werkt niet"));
    }

    private async Task QueueAsync(PanelMember member)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        db.Outbox.Add(new OutboxMessage
        {
            Key = $"test:{member.Id:D}", Template = "invitation", Language = "en", ToAddress = member.Email, MemberId = member.Id,
            State = OutboxState.Queued, NotBefore = app.Clock.GetUtcNow(), CreatedAt = app.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }
}
