namespace Survey.Data;

/// <summary>
/// A personal invitation of a wave: a mailed link for a panel member or a letter's access code for a sampled address.
/// The token or code is never stored, only its hash (<see cref="PersonalTokens"/>). Answering marks the invitation with
/// the day only; the response itself holds nothing of the invitation (see README, "Invitations and anonymity").
/// </summary>
public sealed class Invitation
{
    public long Id { get; set; }

    public int WaveId { get; set; }

    /// <summary>The invited member; null for letters, and once the member left the panel (their data deleted).</summary>
    public Guid? MemberId { get; set; }

    /// <summary>The sampled address of a letter wave, or null.</summary>
    public long? FrameUnitId { get; set; }

    /// <summary>The invitee's value of the wave's stratification field at creation (for response rates), or null.</summary>
    public string? Stratum { get; set; }

    /// <summary>The language the link opens the survey in.</summary>
    public required string Language { get; set; }

    /// <summary>SHA-256 (hex) of the link token or the access code (unique).</summary>
    public required string TokenHash { get; set; }

    public InvitationStatus Status { get; set; }

    /// <summary>When the invitation mail was accepted by the mail server (or written to the pickup folder).</summary>
    public DateTimeOffset? MailedAt { get; set; }

    /// <summary>The mail server's permanent refusal, when it bounced.</summary>
    public string? BounceReason { get; set; }

    /// <summary>How many reminders were sent.</summary>
    public int RemindersSent { get; set; }

    /// <summary>The day the survey was completed through this invitation: a day, never a time.</summary>
    public DateOnly? AnsweredOn { get; set; }
}

public enum InvitationStatus
{
    /// <summary>Created; the mail is in the outbox (or the letter not yet printed).</summary>
    Created = 0,
    Mailed = 1,
    Bounced = 2,
    Answered = 3,
    /// <summary>The member left the panel or unsubscribed: no further mail.</summary>
    OptedOut = 4,
}
