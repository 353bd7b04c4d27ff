using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Survey.Data;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Pages.Panel;

[Collection(AppFixtureGroup.Name)]
public sealed class ConfirmTests(SurveyAppFactory app)
{
    private async Task<Guid> SignUpAsync(string email)
    {
        var client = RespondentClient.For(app);
        var page = await client.GetAsync("/en/panel");
        await client.PostAsync(page, ("email", email), ("language", "nl"), ("consent", "yes"));
        return app.WithDb(db => db.PanelMembers.Single(m => m.Email == email).Id);
    }

    [Fact]
    public async Task ConfirmLink_GetThenPress_ActivatesAndQueuesWelcome()
    {
        var id = await SignUpAsync(PanelData.NewEmail());
        var client = RespondentClient.For(app);

        var page = await client.GetAsync($"/nl/panel/confirm/{PanelData.TokenOf(app, id)}");
        Assert.Equal(PanelMemberStatus.Pending, app.WithDb(db => db.PanelMembers.Single(m => m.Id == id).Status));
        var done = await client.PostAsync(page);

        Assert.True(done.Contains("U bent nu lid"), done.Text);
        var member = app.WithDb(db => db.PanelMembers.AsNoTracking().Single(m => m.Id == id));
        Assert.Equal((PanelMemberStatus.Active, app.Clock.GetUtcNow(), (DateTimeOffset?)null), (member.Status, member.ConfirmedAt, member.ConfirmExpiresAt));
        Assert.Equal(["confirm", "welcome"], PanelData.Outbox(app, id).Select(o => o.Template));
        Assert.Equal("nl", PanelData.Outbox(app, id)[1].Language);
    }

    [Fact]
    public async Task ConfirmLink_Expired_ShowsTheSamePageAsAnUnknownLink()
    {
        var id = await SignUpAsync(PanelData.NewEmail());
        var token = PanelData.TokenOf(app, id);
        var client = RespondentClient.For(app);
        app.Clock.Advance(TimeSpan.FromHours(73));
        try
        {
            var expired = await client.GetAsync($"/en/panel/confirm/{token}");
            var unknown = await client.GetAsync($"/en/panel/confirm/{PanelData.TokenOf(app, Guid.NewGuid())}");
            var garbage = await client.GetAsync("/en/panel/confirm/x");

            Assert.Equal(HttpStatusCode.NotFound, expired.Status);
            Assert.Equal((expired.Status, expired.Text), (unknown.Status, unknown.Text));
            Assert.Equal((expired.Status, expired.Text), (garbage.Status, garbage.Text));
            Assert.True(expired.Contains("This link does not work"));
            Assert.Equal(PanelMemberStatus.Pending, app.WithDb(db => db.PanelMembers.Single(m => m.Id == id).Status));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-73));
        }
    }

    [Fact]
    public async Task Housekeeping_ExpiredPendingSignUp_IsDeletedWithItsQueuedMail()
    {
        var expiredId = await SignUpAsync(PanelData.NewEmail());
        app.Clock.Advance(TimeSpan.FromHours(71));
        var recentId = await SignUpAsync(PanelData.NewEmail());
        var (active, _) = await PanelData.ActiveMemberAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            await app.WithScope(sp => sp.GetRequiredService<DraftCleanup>().RunAsync(CancellationToken.None));

            Assert.False(app.WithDb(db => db.PanelMembers.Any(m => m.Id == expiredId)));
            Assert.True(app.WithDb(db => db.PanelMembers.Any(m => m.Id == recentId)));
            Assert.True(app.WithDb(db => db.PanelMembers.Any(m => m.Id == active.Id)));
            Assert.Empty(PanelData.Outbox(app, expiredId));
            Assert.False(app.WithDb(db => db.Outbox.Any(o => o.Key.StartsWith("confirm:" + expiredId.ToString("D")) && (o.ToAddress != null || o.State == OutboxState.Queued))));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-73));
        }
    }
}
