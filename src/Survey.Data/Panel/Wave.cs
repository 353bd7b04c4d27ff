namespace Survey.Data;

/// <summary>
/// One round of invitations to a survey: panel members by mail (<see cref="WaveKind.Panel"/>) or a drawn register sample
/// by letter (<see cref="WaveKind.Letters"/>). How the invitees were chosen is recorded so the draw can be repeated.
/// </summary>
public sealed class Wave
{
    public int Id { get; set; }

    public required string SurveyId { get; set; }

    public WaveKind Kind { get; set; }

    /// <summary>The selection as given: filters, sample size, stratification field and seed (JSON).</summary>
    public required string SelectionJson { get; set; }

    /// <summary>The field invitees are stratified by (<c>nationality</c>, <c>district</c>, <c>age_band</c>), or null.</summary>
    public string? StratifyBy { get; set; }

    /// <summary>When the invitations are sent (mail waves).</summary>
    public DateTimeOffset SendAt { get; set; }

    /// <summary>Days after sending on which non-responders get a reminder, comma-separated (<c>7,14</c>), or empty.</summary>
    public required string ReminderDays { get; set; }

    /// <summary>The last day the links and codes work (inclusive, Europe/Amsterdam).</summary>
    public DateOnly ClosesOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The researcher who created the wave (user name), or <c>cli</c>.</summary>
    public required string CreatedBy { get; set; }
}

public enum WaveKind
{
    Panel = 0,
    Letters = 1,
}
