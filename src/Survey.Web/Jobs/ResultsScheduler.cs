using Hangfire;
using Survey.Data;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// <see cref="IResultsScheduler"/> on Hangfire. A response only raises the survey's debounce flag
/// (<see cref="ResultsDebounce"/>, in memory: nothing of the response or its time reaches job storage); on demand, nightly
/// and after the debounce wait, a run is recorded in the database and a <see cref="RecomputeResultsJob"/> queued for it.
/// </summary>
public sealed partial class HangfireResultsScheduler(
    SurveyLibrary library,
    ISurveyTargetsSource targets,
    ResultsDebounce debounce,
    IBackgroundJobClient jobs,
    IServiceScopeFactory scopes,
    ILogger<HangfireResultsScheduler> logger) : IResultsScheduler
{
    public Task ResponseArrivedAsync(string surveyId, CancellationToken cancellationToken = default)
    {
        try
        {
            if (HasTargets(surveyId))
            {
                debounce.Arrived(surveyId);
            }
        }
#pragma warning disable CA1031 // The response is already stored; a scheduling problem must not fail the respondent's submit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogNotScheduled(logger, ex, surveyId);
        }
        return Task.CompletedTask;
    }

    public Task<long> RequestNowAsync(string surveyId, CancellationToken cancellationToken = default) =>
        QueueAsync(surveyId, ResultRunTrigger.OnDemand, cancellationToken);

    /// <summary>Queues a run for every open survey that has targets (the nightly schedule).</summary>
    public async Task QueueOpenSurveysAsync(CancellationToken cancellationToken)
    {
        foreach (var survey in library.Open.Where(s => HasTargets(s.Id)))
        {
            await QueueAsync(survey.Id, ResultRunTrigger.Schedule, cancellationToken);
        }
    }

    /// <summary>
    /// Queues a fresh run of a survey whose run was left unfinished with no job to finish it (<see cref="InterruptedRuns"/>),
    /// as a scheduled one: nobody asked for it now. Null when the survey is gone or has no targets any more.
    /// </summary>
    public async Task<long?> RerunInterruptedAsync(string surveyId, CancellationToken cancellationToken) =>
        HasTargets(surveyId) ? await QueueAsync(surveyId, ResultRunTrigger.Schedule, cancellationToken) : null;

    /// <summary>Records a queued run and queues its job.</summary>
    /// <returns>The run id.</returns>
    public async Task<long> QueueAsync(string surveyId, ResultRunTrigger trigger, CancellationToken cancellationToken)
    {
        long runId;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            runId = await scope.ServiceProvider.GetRequiredService<ResultsRunner>().QueueAsync(surveyId, trigger, cancellationToken);
        }
        jobs.Enqueue<RecomputeResultsJob>(job => job.RunAsync(surveyId, runId, CancellationToken.None));
        return runId;
    }

    /// <summary>Whether the survey is served and has targets (a broken targets file counts: its run shows why it fails).</summary>
    public bool HasTargets(string surveyId)
    {
        try
        {
            return library.Find(surveyId) is not null && targets.Find(surveyId) is not null;
        }
        catch (ResultsUnavailableException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note the response to {SurveyId} for recomputation; the nightly run will catch up")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception, string surveyId);
}
