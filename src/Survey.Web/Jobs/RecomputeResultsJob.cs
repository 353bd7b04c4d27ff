using Hangfire;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// The Hangfire adapter of <see cref="ResultsRunner"/>: runs one recorded run. Its arguments are ids only (survey id for
/// the dashboard, run id), never anything of a response or request. A failed run throws, so that Hangfire's
/// <see cref="AutomaticRetryAttribute"/> (the delays of <see cref="ResultsOptions.RetryDelayMinutes"/>, set up in
/// <see cref="JobsExtensions"/>) tries it again and finally shows it as failed, with its message, on the dashboard.
/// </summary>
/// <remarks>
/// Idempotent, because Hangfire delivers at least once (a job killed mid-run runs again after the invisibility timeout,
/// or at the next start): the run is a row with a state, and the snapshot is stored in the same transaction that marks
/// the run succeeded, so a second delivery of a succeeded run does nothing, and a second delivery of an unfinished one
/// computes it again from the same responses and stores one snapshot. Results runs never overlap
/// (<see cref="DisableConcurrentExecutionAttribute"/>), as two at once would only compete for the same database.
/// </remarks>
public sealed class RecomputeResultsJob(ResultsRunner runner)
{
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [JobDisplayName("Results of {0} (run {1})")]
    public async Task RunAsync(string surveyId, long runId, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(runId, cancellationToken);
        if (outcome is { Succeeded: false, Error: not null })
        {
            throw new ResultsRunFailedException($"results run {runId} of {surveyId} failed: {outcome.Error}");
        }
    }
}

/// <summary>A results run failed (the reason is on the run too); Hangfire retries it and shows the message.</summary>
public sealed class ResultsRunFailedException : Exception
{
    public ResultsRunFailedException()
    {
    }

    public ResultsRunFailedException(string message)
        : base(message)
    {
    }

    public ResultsRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The nightly recomputation of every open survey (<see cref="ResultsOptions.NightlyCron"/>): queues one run per survey.</summary>
public sealed class ResultsNightlyJob(HangfireResultsScheduler scheduler)
{
    public const string Id = "results-nightly";

    /// <summary>
    /// Idempotent enough: a second delivery queues a second run per survey, which computes the same snapshot again; no
    /// retry, as tomorrow's run is the retry.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => scheduler.QueueOpenSurveysAsync(cancellationToken);
}
