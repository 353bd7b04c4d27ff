using System.Net.Mail;
using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>
/// What happens to a panel member, in one place for the web pages, the CLI and the housekeeping job: joining (sign-up or
/// import), confirming, unsubscribing, leaving (the row deleted), and the mails these enqueue in the outbox.
/// </summary>
public static class PanelMembers
{
    public const string SourceSignup = "signup";
    public const string SourceImport = "import";

    /// <summary>Mail templates (rendered by the mail sender).</summary>
    public const string ConfirmTemplate = "confirm";
    public const string AlreadyMemberTemplate = "already-member";
    public const string WelcomeTemplate = "welcome";

    /// <summary>The address as stored: trimmed and in lower case; null when it is not a plausible address.</summary>
    public static string? NormalizeEmail(string? typed)
    {
        var email = typed?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"'))
        {
            return null;
        }
        var at = email.LastIndexOf('@');
        if (at < 1 || at != email.IndexOf('@', StringComparison.Ordinal) || at > 64)
        {
            return null;
        }
        var domain = email[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
            || domain.Contains("..", StringComparison.Ordinal) || !domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            return null;
        }
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email ? email : null;
    }

    /// <summary>A new member with a fresh id and the hash of its self-service token.</summary>
    public static PanelMember Create(PersonalTokens tokens, string email, string language, string source, string consentVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var id = Guid.NewGuid();
        return new PanelMember
        {
            Id = id,
            Email = email,
            Language = language,
            Source = source,
            ConsentVersion = consentVersion,
            CreatedAt = now,
            ManageTokenHash = PersonalTokens.Hash(ManageToken(tokens, id)),
        };
    }

    /// <summary>The token of the member's confirmation, "my data" and unsubscribe links.</summary>
    public static string ManageToken(PersonalTokens tokens, Guid memberId)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.MemberToken(memberId);
    }

    /// <summary>The member whose self-service token is <paramref name="token"/> (as it came in a link), or null.</summary>
    public static async Task<PanelMember?> FindByTokenAsync(SurveyDbContext db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = PersonalTokens.Normalize(token);
        if (normalized is null || normalized.Length != PersonalTokens.LinkTokenLength)
        {
            return null;
        }
        var hash = PersonalTokens.Hash(normalized);
        return await db.PanelMembers.SingleOrDefaultAsync(m => m.ManageTokenHash == hash, cancellationToken);
    }

    /// <summary>
    /// Adds a mail for <paramref name="member"/> to the outbox (saved with the caller's next SaveChanges), unless one with
    /// the same template is still waiting to be sent: a second request does not make a second mail.
    /// </summary>
    public static async Task EnqueueAsync(SurveyDbContext db, PanelMember member, string template, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        var rows = await db.Outbox.Where(o => o.MemberId == member.Id && o.Template == template).Select(o => o.State).ToListAsync(cancellationToken);
        if (rows.Contains(OutboxState.Queued))
        {
            return;
        }
        db.Outbox.Add(new OutboxMessage
        {
            Key = $"{template}:{member.Id:D}:{rows.Count + 1}",
            Template = template,
            Language = member.Language,
            ToAddress = member.Email,
            MemberId = member.Id,
            State = OutboxState.Queued,
            NotBefore = now,
            CreatedAt = now,
        });
    }

    /// <summary>Follows the confirmation link: the pending member becomes active and is welcomed. False when the sign-up
    /// expired (or the member is not pending: then nothing changes).</summary>
    public static async Task<bool> ConfirmAsync(SurveyDbContext db, PanelMember member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        if (member.Status != PanelMemberStatus.Pending || member.ConfirmExpiresAt is not { } expires || expires <= now)
        {
            return false;
        }
        member.Status = PanelMemberStatus.Active;
        member.ConfirmedAt = now;
        member.ConfirmExpiresAt = null;
        await EnqueueAsync(db, member, WelcomeTemplate, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>No more mail: the member is kept but unsubscribed, their waiting mails and open invitations are cancelled.</summary>
    public static async Task UnsubscribeAsync(SurveyDbContext db, PanelMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        member.Status = PanelMemberStatus.Unsubscribed;
        await db.SaveChangesAsync(cancellationToken);
        await CancelMailAsync(db, member.Id, cancellationToken);
    }

    /// <summary>
    /// Leaves the panel: the member row is deleted; their invitations keep wave and stratum but lose the link to them (and
    /// are opted out unless answered); every outbox row of theirs loses address and member, and waiting ones are cancelled.
    /// </summary>
    public static async Task LeaveAsync(SurveyDbContext db, PanelMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        var id = member.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CancelMailAsync(db, id, cancellationToken);
        await db.Outbox.Where(o => o.MemberId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ToAddress, (string?)null).SetProperty(o => o.MemberId, (Guid?)null), cancellationToken);
        await db.Invitations.Where(i => i.MemberId == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.MemberId, (Guid?)null)
            .SetProperty(i => i.Status, i => i.Status == InvitationStatus.Answered ? InvitationStatus.Answered : InvitationStatus.OptedOut), cancellationToken);
        await db.PanelMembers.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(member).State = EntityState.Detached;
    }

    /// <summary>Deletes sign-ups whose confirmation link expired unused (and their waiting mails). Returns how many.</summary>
    public static async Task<int> DeleteExpiredAsync(SurveyDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // DateTimeOffset cannot be compared in SQLite SQL; pending sign-ups are few, so compare here.
        var pending = await db.PanelMembers.AsNoTracking().Where(m => m.Status == PanelMemberStatus.Pending)
            .Select(m => new { m.Id, m.ConfirmExpiresAt }).ToListAsync(cancellationToken);
        var expired = pending.Where(m => m.ConfirmExpiresAt is null || m.ConfirmExpiresAt <= now).Select(m => m.Id).ToList();
        foreach (var id in expired)
        {
            await CancelMailAsync(db, id, cancellationToken);
            await db.Outbox.Where(o => o.MemberId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ToAddress, (string?)null).SetProperty(o => o.MemberId, (Guid?)null), cancellationToken);
            await db.PanelMembers.Where(m => m.Id == id && m.Status == PanelMemberStatus.Pending).ExecuteDeleteAsync(cancellationToken);
        }
        return expired.Count;
    }

    /// <summary>Waiting mails are cancelled and lose the address; open invitations are opted out.</summary>
    private static async Task CancelMailAsync(SurveyDbContext db, Guid memberId, CancellationToken cancellationToken)
    {
        await db.Outbox.Where(o => o.MemberId == memberId && o.State == OutboxState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Cancelled).SetProperty(o => o.ToAddress, (string?)null), cancellationToken);
        await db.Invitations.Where(i => i.MemberId == memberId && (i.Status == InvitationStatus.Created || i.Status == InvitationStatus.Mailed))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.OptedOut), cancellationToken);
    }
}
