namespace Survey.Web.Results;

/// <summary>Settings of the results recomputation, bound from the <c>Results</c> section.</summary>
public sealed class ResultsOptions
{
    public const string Section = "Results";

    private static readonly int[] DefaultRetryDelayMinutes = [1, 5, 15];

    /// <summary>After a response arrives, wait this long for more before recomputing (each new response restarts the wait).</summary>
    public int DebounceSeconds { get; set; } = 120;

    /// <summary>
    /// The longest a burst of responses can put the recomputation off: it runs at the latest this long after the burst's
    /// first response, however many follow.
    /// </summary>
    public int DebounceMaxSeconds { get; set; } = 900;

    /// <summary>How often the debounce flags are swept for runs whose wait is over (the debounce's granularity).</summary>
    public double DebounceSweepSeconds { get; set; } = 1;

    /// <summary>Cron expression (UTC; five fields, or six with seconds first) of the nightly recomputation of every open survey.</summary>
    public string NightlyCron { get; set; } = "0 2 * * *";

    /// <summary>
    /// Waits before each retry of a failed run; one retry per entry. Empty means the default 1, 5 and 15 minutes
    /// (configuration binding appends to a list, so the default is not put in the list itself).
    /// </summary>
    public IList<int> RetryDelayMinutes { get; } = [];

    /// <summary>The background variable results are broken down by.</summary>
    public string GroupVariable { get; set; } = "nationality_group";

    public TimeSpan Debounce => TimeSpan.FromSeconds(DebounceSeconds);

    public TimeSpan DebounceMax => TimeSpan.FromSeconds(DebounceMaxSeconds);

    /// <summary>The waits before each retry of a failed run (Hangfire's <c>AutomaticRetry</c>); after the last, the run stays failed.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays() =>
        [.. (RetryDelayMinutes.Count > 0 ? [.. RetryDelayMinutes] : DefaultRetryDelayMinutes).Select(m => TimeSpan.FromMinutes(m))];
}
