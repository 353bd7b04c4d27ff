using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Jobs;

/// <summary>
/// At start-up, marks every run the previous process left queued or running as failed ("interrupted") and queues a fresh
/// run for each survey concerned. Quartz keeps its triggers in memory, so they went with the process and nothing else
/// would ever finish those runs; the researcher page would show them running for good.
/// </summary>
/// <remarks>
/// Runs in <see cref="StartingAsync"/>: after the migrations (Program.cs runs them before the host starts), before any
/// hosted service starts, so before the web server takes a request that could queue a run of its own and before Quartz
/// runs a job. Assumes one process per database, as SQLite does.
/// </remarks>
public sealed partial class InterruptedRuns(
    IServiceScopeFactory scopes,
    QuartzResultsScheduler scheduler,
    TimeProvider time,
    ILogger<InterruptedRuns> logger) : IHostedLifecycleService
{
    public const string Error = "interrupted: the platform restarted during this run; it is run again";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RecoverAsync(cancellationToken);
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

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        List<string> surveyIds;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var unfinished = db.ResultRuns.Where(r => r.State == ResultRunState.Queued || r.State == ResultRunState.Running);
            surveyIds = await unfinished.Select(r => r.SurveyId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
            if (surveyIds.Count == 0)
            {
                return;
            }
            var now = time.GetUtcNow();
            var count = await unfinished.ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, ResultRunState.Failed).SetProperty(r => r.Error, Error).SetProperty(r => r.FinishedAt, now),
                cancellationToken);
            LogInterrupted(logger, count);
        }

        foreach (var surveyId in surveyIds)
        {
            if (await scheduler.RerunInterruptedAsync(surveyId, cancellationToken) is { } runId)
            {
                LogRerun(logger, surveyId, runId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} results runs left unfinished by the last process as interrupted")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SurveyId} are run again after a restart (run {RunId})")]
    private static partial void LogRerun(ILogger logger, string surveyId, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover the results runs left unfinished by the last process")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
