using System.Globalization;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Web.Infrastructure;
using Survey.Web.Results;

namespace Survey.Web.Jobs;

/// <summary>
/// At start-up, before the Hangfire server and the web server start, puts right what a stopped or killed process left:
/// <list type="number">
/// <item>Jobs it left processing are queued again now. Hangfire would run them again by itself, but the SQLite storage
/// only after its invisibility timeout (30 minutes), and this storage serves one node, so none of them is still running.</item>
/// <item>Runs it left queued or running in the database that no job will finish (job storage lost or recreated, or a run
/// recorded just before its job was queued) are marked failed ("interrupted"), and a fresh run is queued for each survey.
/// Runs whose job is still in job storage are left to it (a running one shows as queued again).</item>
/// <item>Surveys whose responses are not those of their latest snapshot get their debounce flag back
/// (<see cref="ResultsDebounce.RecoverAsync"/>): the flag lived in memory.</item>
/// </list>
/// Hangfire itself keeps queued, scheduled and retrying jobs across a restart: that part of the old recovery is gone.
/// </summary>
public sealed partial class InterruptedRuns(
    IServiceScopeFactory scopes,
    JobStorage storage,
    IBackgroundJobClient jobs,
    HangfireResultsScheduler scheduler,
    ResultsDebounce debounce,
    SurveyLibrary library,
    TimeProvider time,
    ILogger<InterruptedRuns> logger) : IHostedLifecycleService
{
    public const string Error = "interrupted: the platform restarted during this run; it is run again";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            RequeueProcessingJobs();
            await RecoverRunsAsync(cancellationToken);
        }
#pragma warning disable CA1031 // A stale run status must not keep the surveys offline; the nightly run catches up.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void RequeueProcessingJobs()
    {
        var monitoring = storage.GetMonitoringApi();
        var processing = monitoring.ProcessingJobs(0, int.MaxValue);
        foreach (var job in processing)
        {
            if (jobs.ChangeState(job.Key, new EnqueuedState { Reason = "the platform restarted while it ran" }, ProcessingState.StateName))
            {
                LogRequeued(logger, job.Key);
            }
        }
    }

    private async Task RecoverRunsAsync(CancellationToken cancellationToken)
    {
        var live = LiveRunIds();
        List<string> surveyIds;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var unfinished = await db.ResultRuns
                .Where(r => r.State == ResultRunState.Queued || r.State == ResultRunState.Running)
                .Select(r => new { r.Id, r.SurveyId })
                .ToListAsync(cancellationToken);
            var orphans = unfinished.Where(r => !live.Contains(r.Id)).ToList();
            var waiting = unfinished.Where(r => live.Contains(r.Id)).Select(r => r.Id).ToList();
            if (waiting.Count > 0)
            {
                await db.ResultRuns.Where(r => waiting.Contains(r.Id) && r.State == ResultRunState.Running).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.State, ResultRunState.Queued).SetProperty(r => r.Progress, 0), cancellationToken);
            }
            if (orphans.Count > 0)
            {
                var ids = orphans.Select(r => r.Id).ToList();
                var now = time.GetUtcNow();
                await db.ResultRuns.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.State, ResultRunState.Failed).SetProperty(r => r.Error, Error)
                        .SetProperty(r => r.ErrorKey, RunErrors.Interrupted.Key).SetProperty(r => r.ErrorArguments, (string?)null).SetProperty(r => r.FinishedAt, now),
                    cancellationToken);
                LogInterrupted(logger, orphans.Count);
            }
            surveyIds = [.. orphans.Select(r => r.SurveyId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

            var others = library.Open.Where(s => !surveyIds.Contains(s.Id) && scheduler.HasTargets(s.Id)).Select(s => (s.Id, s.Version));
            await debounce.RecoverAsync(db, others, cancellationToken);
        }

        foreach (var surveyId in surveyIds)
        {
            if (await scheduler.RerunInterruptedAsync(surveyId, cancellationToken) is { } runId)
            {
                LogRerun(logger, surveyId, runId);
            }
        }
    }

    /// <summary>The runs that a job in job storage will still run: queued, scheduled (a retry's wait) or processing.</summary>
    private HashSet<long> LiveRunIds()
    {
        var monitoring = storage.GetMonitoringApi();
        var live = new HashSet<long>();
        var jobsInStorage = monitoring.Queues().SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, int.MaxValue).Select(j => j.Value.Job))
            .Concat(monitoring.ScheduledJobs(0, int.MaxValue).Select(j => j.Value.Job))
            .Concat(monitoring.ProcessingJobs(0, int.MaxValue).Select(j => j.Value.Job));
        foreach (var job in jobsInStorage)
        {
            if (job?.Type == typeof(RecomputeResultsJob) && job.Args.Count >= 2 && job.Args[1] is { } runId)
            {
                live.Add(Convert.ToInt64(runId, CultureInfo.InvariantCulture));
            }
        }
        return live;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was processing when the platform stopped; it is queued again")]
    private static partial void LogRequeued(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} results runs left unfinished without a job as interrupted")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SurveyId} are run again after a restart (run {RunId})")]
    private static partial void LogRerun(ILogger logger, string surveyId, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover the background work left unfinished by the last process")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
