namespace Survey.Web.Results;

/// <summary>Starts recomputations of a survey's results in the background.</summary>
public interface IResultsScheduler
{
    /// <summary>
    /// A response was stored: recompute after <see cref="ResultsOptions.DebounceSeconds"/>, each call restarting the wait,
    /// so a burst of responses causes one run. Records nothing about the response. Never throws: the respondent's answer
    /// is already saved, and the nightly run catches up if scheduling fails.
    /// </summary>
    Task ResponseArrivedAsync(string surveyId, CancellationToken cancellationToken = default);

    /// <summary>Queues a run now (a researcher asked for it); follow it with <see cref="ResultsQueries.RunAsync"/>.</summary>
    /// <returns>The run id.</returns>
    Task<long> RequestNowAsync(string surveyId, CancellationToken cancellationToken = default);
}
