namespace Survey.Data;

/// <summary>
/// A member of the International Panel: contact data and the coarse profile that selection and weighting need, kept apart
/// from every answer. Leaving the panel deletes the row; invitations then keep their wave and stratum only.
/// </summary>
public sealed class PanelMember
{
    /// <summary>A fresh random (version 4) GUID.</summary>
    public Guid Id { get; set; }

    /// <summary>The address, trimmed and in lower case (unique).</summary>
    public required string Email { get; set; }

    /// <summary>The language of mails and survey links (<c>nl</c>, <c>en</c>, …).</summary>
    public required string Language { get; set; }

    /// <summary>Nationality code as in the panel profile (<c>surveys/</c>), or null when not given.</summary>
    public string? Nationality { get; set; }

    /// <summary>District code, or null.</summary>
    public string? District { get; set; }

    /// <summary>Age band code, or null.</summary>
    public string? AgeBand { get; set; }

    /// <summary><see cref="PanelMemberStatus.Pending"/> until the confirmation link is followed (or imported), then active.</summary>
    public PanelMemberStatus Status { get; set; }

    /// <summary>How the member joined: <c>signup</c> (double opt-in) or <c>import</c> (consent collected by the city).</summary>
    public required string Source { get; set; }

    /// <summary>The version of the consent text the member accepted (or the import's statement).</summary>
    public required string ConsentVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>A pending sign-up is deleted after this moment.</summary>
    public DateTimeOffset? ConfirmExpiresAt { get; set; }

    /// <summary>SHA-256 (hex) of the member's personal link token (<see cref="PersonalTokens"/>), for the self-service pages.</summary>
    public required string ManageTokenHash { get; set; }
}

public enum PanelMemberStatus
{
    Pending = 0,
    Active = 1,
    /// <summary>Unsubscribed from mail (one click or the self-service page): kept, but never mailed or invited.</summary>
    Unsubscribed = 2,
}
