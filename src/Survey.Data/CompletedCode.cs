namespace Survey.Data;

/// <summary>
/// That some resume code was sent on a day, so a retried final submit (the first one's answer never reached the browser,
/// for example because the server restarted) shows the closing page instead of "not found". Holds a one-way hash of the
/// code and the day only: no column links it to the response, and the table is stored without row ids (ordered by hash),
/// so not even the order of completions matches that of the responses. Deleted by the clean-up job after a day.
/// </summary>
public sealed class CompletedCode
{
    /// <summary>SHA-256 of the code and the day, hex (64 characters).</summary>
    public required string Hash { get; set; }

    /// <summary>The day of completion, for the clean-up (the responses hold the same day).</summary>
    public DateOnly Day { get; set; }
}
