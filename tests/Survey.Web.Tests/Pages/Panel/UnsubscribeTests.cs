using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Survey.Data;

namespace Survey.Web.Tests.Pages.Panel;

[Collection(AppFixtureGroup.Name)]
public sealed class UnsubscribeTests(SurveyAppFactory app)
{
    [Fact]
    public async Task GetThenPress_Unsubscribes_AndTheGetAloneChangesNothing()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        var client = RespondentClient.For(app);

        var page = await client.GetAsync($"/nl/panel/unsubscribe/{token}");
        Assert.Equal(PanelMemberStatus.Active, app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Status));
        var done = await client.PostAsync(page);

        Assert.True(done.Contains("U krijgt geen e-mails meer"), done.Text);
        Assert.Equal(PanelMemberStatus.Unsubscribed, app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Status));
    }

    [Fact]
    public async Task OneClickPost_WithoutCookiesOrAntiforgery_UnsubscribesAndCancelsMailAndInvitations()
    {
        var (member, token) = await PanelData.ActiveMemberAsync(app);
        var invitations = await PanelData.InvitationsAsync(app, member.Id, InvitationStatus.Mailed, InvitationStatus.Answered);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            db.Outbox.Add(new OutboxMessage
            {
                Key = $"reminder:{invitations[0]}:1", Template = "reminder", Language = "en", ToAddress = member.Email, MemberId = member.Id,
                InvitationId = invitations[0], State = OutboxState.Queued, NotBefore = app.Clock.GetUtcNow(), CreatedAt = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        // What a mail provider sends (RFC 8058): a bare POST to the List-Unsubscribe URL, no cookies, no token.
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await http.PostAsync($"/en/panel/unsubscribe/{token}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PanelMemberStatus.Unsubscribed, app.WithDb(db => db.PanelMembers.Single(m => m.Id == member.Id).Status));
        var mail = Assert.Single(PanelData.Outbox(app, member.Id));
        Assert.Equal((OutboxState.Cancelled, (string?)null), (mail.State, mail.ToAddress));
        Assert.Equal([InvitationStatus.OptedOut, InvitationStatus.Answered],
            app.WithDb(db => db.Invitations.Where(i => invitations.Contains(i.Id)).OrderBy(i => i.Id).Select(i => i.Status).ToList()));
    }

    [Fact]
    public async Task OneClickPost_UnknownToken_IsTheNeutralPageAndChangesNothing()
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await http.PostAsync($"/en/panel/unsubscribe/{PanelData.TokenOf(app, Guid.NewGuid())}", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
