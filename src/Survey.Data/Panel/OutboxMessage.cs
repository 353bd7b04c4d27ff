namespace Survey.Data;

/// <summary>
/// A mail to send, in the application database so that a crash or restart resumes where it stopped. The unique
/// <see cref="Key"/> (for example <c>invitation:42</c>, <c>reminder:42:1</c>) makes enqueueing idempotent. Personal links
/// are not stored here: the message is rendered from the template and the ids when it is sent.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Unique per message: enqueueing the same key twice adds nothing.</summary>
    public required string Key { get; set; }

    /// <summary>The template (<c>invitation</c>, <c>reminder</c>, <c>confirm</c>, …).</summary>
    public required string Template { get; set; }

    public required string Language { get; set; }

    /// <summary>The recipient; cleared once sent, and the row deleted when the member leaves.</summary>
    public string? ToAddress { get; set; }

    public Guid? MemberId { get; set; }

    public long? InvitationId { get; set; }

    public OutboxState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not sent before this moment (the send time of a wave, or the back-off after a temporary failure).</summary>
    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last temporary failure or the permanent refusal.</summary>
    public string? LastError { get; set; }
}

public enum OutboxState
{
    Queued = 0,
    /// <summary>Handed to the mail server; if the process died here, the message may or may not have left.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Refused permanently (5xx): recorded as a bounce.</summary>
    Failed = 3,
    /// <summary>No longer to be sent (the member left, the invitation was answered).</summary>
    Cancelled = 4,
}
