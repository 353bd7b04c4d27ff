using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Survey.Data;
using Survey.Web.Mail;

namespace Survey.Web.Tests.Mail;

/// <summary>The outbox sent through a real SMTP server (python3-aiosmtpd) by the real app on a real SQLite file.</summary>
public sealed class OutboxSmtpTests : IClassFixture<MailAppFactory>
{
    private readonly MailAppFactory _app;

    public OutboxSmtpTests(MailAppFactory app)
    {
        _app = app;
        _ = _app.Server; // start the app (and migrate) before seeding
    }

    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    [Theory]
    [InlineData("nl", "Uitnodiging: Testenquête", "tot en met maandag 14 december 2026")]
    [InlineData("en", "Invitation: Test survey", "until Monday 14 December 2026 (inclusive)")]
    public async Task Drain_Invitation_DeliveredInMemberLanguageWithPersonalLinksAndUnsubscribeHeaders(string language, string subject, string closes)
    {
        var member = PanelSeed.Member(_app.Tokens, $"invite-{language}@example.org", language);
        var wave = PanelSeed.Wave();
        var invitation = await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(member);
            return (await PanelSeed.InviteAsync(db, _app.Tokens, wave, [member], Now))[0];
        });

        var report = await _app.DrainAsync();

        var mail = Assert.Single(_app.Smtp.Received(), m => m.Recipients.Contains(member.Email));
        var message = mail.Message;
        var invitationToken = _app.Tokens.LinkToken("invitation", $"{wave.Id}:{member.Id:D}");
        var memberToken = _app.Tokens.LinkToken("member", member.Id.ToString("D"));
        var link = $"{MailAppFactory.PublicUrl}/{language}/i/{invitationToken}";
        Assert.Equal(invitation.TokenHash, PersonalTokens.Hash(invitationToken));
        Assert.Equal(subject, message.Subject);
        Assert.Equal("panel@leiden.nl", message.From.Mailboxes.Single().Address);
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(closes, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("**", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailAppFactory.PublicUrl}/{language}/panel/me/{memberToken}", message.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<{MailAppFactory.PublicUrl}/{language}/panel/unsubscribe/{memberToken}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(_app.Services.GetRequiredService<MailComposer>().MessageId($"invitation:{invitation.Id}"), message.MessageId);
        Assert.Equal(Now, message.Date);
        Assert.True(report.Sent >= 1);

        var (row, stored) = await _app.DbAsync(async db => (
            await db.Outbox.SingleAsync(o => o.InvitationId == invitation.Id),
            await db.Invitations.SingleAsync(i => i.Id == invitation.Id)));
        // One attempt, counted when the row was marked Sending at the first byte of the message: the mark came before it could leave.
        Assert.Equal((OutboxState.Sent, null, Now, 1), (row.State, row.ToAddress, row.SentAt, row.Attempts));
        Assert.Equal((InvitationStatus.Mailed, Now), (stored.Status, stored.MailedAt));
    }

    [Fact]
    public async Task Drain_TemporaryRefusal_WaitsWithGrowingDelayThenDeliversOnce()
    {
        var member = PanelSeed.Member(_app.Tokens, "busy-mailbox@example.org");
        _app.Smtp.Defer(member.Email);
        var invitation = await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(member);
            return (await PanelSeed.InviteAsync(db, _app.Tokens, PanelSeed.Wave(), [member], Now))[0];
        });

        await _app.DrainAsync();
        var first = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.InvitationId == invitation.Id));
        Assert.Equal((OutboxState.Queued, 1), (first.State, first.Attempts));
        Assert.StartsWith("451", first.LastError, StringComparison.Ordinal);
        Assert.Equal(Now.AddSeconds(60), first.NotBefore);

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        await _app.DrainAsync();
        var second = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.InvitationId == invitation.Id));
        Assert.Equal((OutboxState.Queued, 2, Now.AddSeconds(120)), (second.State, second.Attempts, second.NotBefore));

        _app.Smtp.Accept(member.Email);
        await _app.DrainAsync(); // not due yet: nothing happens
        Assert.Equal(0, _app.Smtp.CountByRecipient().GetValueOrDefault(member.Email));
        _app.Clock.Advance(TimeSpan.FromSeconds(121));
        await _app.DrainAsync();
        await _app.DrainAsync();

        Assert.Equal(1, _app.Smtp.CountByRecipient()[member.Email]);
        var sent = await _app.DbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        Assert.Equal(InvitationStatus.Mailed, sent.Status);
    }

    [Fact]
    public async Task Drain_PermanentRefusal_RecordedAsBounceOnInvitation()
    {
        var member = PanelSeed.Member(_app.Tokens, "no-such-user@example.org");
        _app.Smtp.Reject(member.Email);
        var invitation = await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(member);
            return (await PanelSeed.InviteAsync(db, _app.Tokens, PanelSeed.Wave(), [member], Now))[0];
        });

        await _app.DrainAsync();

        var (row, stored) = await _app.DbAsync(async db => (
            await db.Outbox.AsNoTracking().SingleAsync(o => o.InvitationId == invitation.Id),
            await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id)));
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.StartsWith("550", row.LastError, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Bounced, stored.Status);
        Assert.Contains("No such user", stored.BounceReason, StringComparison.Ordinal);
        Assert.Equal(0, _app.Smtp.CountByRecipient().GetValueOrDefault(member.Email));
    }

    [Fact]
    public async Task Drain_MemberUnsubscribedOrInvitationAnswered_CancelledAndNothingSent()
    {
        var gone = PanelSeed.Member(_app.Tokens, "unsubscribed@example.org");
        var answered = PanelSeed.Member(_app.Tokens, "answered@example.org");
        var wave = PanelSeed.Wave();
        var invitations = await _app.DbAsync(async db =>
        {
            db.PanelMembers.AddRange(gone, answered);
            // Invited in an older wave, while still a member.
            var list = await PanelSeed.InviteAsync(db, _app.Tokens, wave, [gone, answered], Now.AddDays(1));
            db.Outbox.Add(PanelSeed.Mail(answered, "reminder", $"reminder:{list[1].Id}:1", Now, list[1].Id));
            await db.SaveChangesAsync();
            return list;
        });
        await _app.DbAsync(async db =>
        {
            await db.PanelMembers.Where(m => m.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, PanelMemberStatus.Unsubscribed));
            await db.Invitations.Where(i => i.Id == invitations[1].Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Answered));
            return 0;
        });
        _app.Clock.Advance(TimeSpan.FromDays(1));

        await _app.DrainAsync();

        var rows = await _app.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.MemberId == gone.Id || o.MemberId == answered.Id).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((OutboxState.Cancelled, null), (r.State, r.ToAddress)));
        Assert.Contains(rows, r => r.LastError == "the member is unsubscribed");
        Assert.Contains(rows, r => r.LastError == "the invitation is answered");
        var counts = _app.Smtp.CountByRecipient();
        Assert.False(counts.ContainsKey(gone.Email) || counts.ContainsKey(answered.Email));
    }

    [Fact]
    public async Task Drain_RowLeftSendingByCrash_NotResentAndCountedUncertain()
    {
        var member = PanelSeed.Member(_app.Tokens, "uncertain@example.org");
        await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(member);
            var invitation = (await PanelSeed.InviteAsync(db, _app.Tokens, PanelSeed.Wave(), [member], Now))[0];
            await db.Outbox.Where(o => o.InvitationId == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending));
            return 0;
        });

        var report = await _app.DrainAsync();

        Assert.True(report.Uncertain >= 1);
        var row = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.MemberId == member.Id));
        Assert.Equal((OutboxState.Sending, OutboxSender.UncertainError), (row.State, row.LastError));
        Assert.Equal(0, _app.Smtp.CountByRecipient().GetValueOrDefault(member.Email));
        await _app.DbAsync(db => db.Outbox.Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Cancelled)));
    }

    [Fact]
    public async Task Drain_ConfirmWelcomeGoodbye_RenderedForMemberWithRightLinks()
    {
        var pending = PanelSeed.Member(_app.Tokens, "new-member@example.org", "en", PanelMemberStatus.Pending);
        await _app.DbAsync(async db =>
        {
            db.PanelMembers.Add(pending);
            db.Outbox.Add(PanelSeed.Mail(pending, "confirm", $"confirm:{pending.Id}:1", Now));
            db.Outbox.Add(PanelSeed.Mail(pending, "welcome", $"welcome:{pending.Id}", Now)); // not before confirmation
            db.Outbox.Add(PanelSeed.Mail(pending, "goodbye", $"goodbye:{pending.Id}", Now));
            return await db.SaveChangesAsync();
        });

        await _app.DrainAsync();

        var received = _app.Smtp.Received().Where(m => m.Recipients.Contains(pending.Email)).Select(m => m.Message).ToList();
        var token = _app.Tokens.LinkToken("member", pending.Id.ToString("D"));
        var confirm = Assert.Single(received, m => m.Subject != null && m.Subject.Contains("confirm", StringComparison.Ordinal));
        Assert.Contains($"{MailAppFactory.PublicUrl}/en/panel/confirm/{token}", confirm.TextBody, StringComparison.Ordinal);
        var goodbye = Assert.Single(received, m => m.Subject != null && m.Subject.Contains("no more messages", StringComparison.Ordinal));
        Assert.Contains($"{MailAppFactory.PublicUrl}/en/panel", goodbye.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, received.Count);
        var welcome = await _app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Key == $"welcome:{pending.Id}"));
        Assert.Equal(OutboxState.Cancelled, welcome.State);
    }
}
