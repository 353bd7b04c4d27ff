namespace Survey.Data;

/// <summary>A completed, anonymous response.</summary>
/// <remarks>
/// Anonymity by construction: these five columns and the answers are all there is. No IP address, user agent,
/// exact time, cookie, invitation id or anything else that could link a response to a person or device, and no
/// value shared with the <see cref="Draft"/> it came from: the id is a fresh random GUID, never the resume code,
/// and <see cref="CompletedOn"/> is the completion day, not the draft's dates.
/// </remarks>
public sealed class SurveyResponse
{
    /// <summary>A fresh random (version 4) GUID; never sequential or time-based, so ids do not reveal order.</summary>
    public Guid Id { get; set; }

    public required string SurveyId { get; set; }

    public int SurveyVersion { get; set; }

    /// <summary>The language the respondent finished in.</summary>
    public required string Language { get; set; }

    /// <summary>The completion day (coarsened; never a timestamp).</summary>
    public DateOnly CompletedOn { get; set; }

    public ICollection<ResponseAnswer> Answers { get; } = new List<ResponseAnswer>();
}
