using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Web.Results;

/// <summary>What a run came to: succeeded, or failed with its reason (the job throws it, so Hangfire retries).</summary>
public sealed record ResultsRunOutcome(bool Succeeded, string? Error);

/// <summary>
/// Runs one <see cref="ResultRun"/>: marks it running, records progress in its row, and on success stores the snapshot
/// and marks it succeeded in one transaction. On failure it marks the run failed with the reason and stores nothing, so
/// the last good snapshot stays the latest. Knows nothing of Hangfire: the job adapter throws on failure, and Hangfire retries.
/// </summary>
public sealed partial class ResultsRunner(
    SurveyDbContext db,
    ResultsCalculator calculator,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ResultsRunner> logger)
{
    private const int MaxErrorLength = 4000;

    /// <summary>Records a queued run; its id is what the researcher page follows.</summary>
    public async Task<long> QueueAsync(string surveyId, ResultRunTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyId);
        var run = new ResultRun { SurveyId = surveyId, Trigger = trigger, State = ResultRunState.Queued, RequestedAt = time.GetUtcNow() };
        db.ResultRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// <summary>Runs (or retries) the run; a run that succeeded already is left as it is (a job may be delivered twice).</summary>
    /// <returns>Whether it succeeded and, if not, why.</returns>
    public async Task<ResultsRunOutcome> RunAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await db.ResultRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.State == ResultRunState.Succeeded)
        {
            return new ResultsRunOutcome(run is not null, null);
        }
        run.State = ResultRunState.Running;
        run.Attempt++;
        run.Progress = 0;
        run.StartedAt = time.GetUtcNow();
        run.FinishedAt = null;
        run.Error = null;
        run.ErrorKey = null;
        run.ErrorArguments = null;
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var snapshot = await calculator.ComputeAsync(run.SurveyId, new RunProgress(scopes, run.Id), cancellationToken);
            snapshot.RunId = run.Id;
            db.ResultSnapshots.Add(snapshot);
            run.State = ResultRunState.Succeeded;
            run.Progress = 100;
            run.FinishedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogSucceeded(logger, run.SurveyId, run.Id, snapshot.ResponseCount);
            return new ResultsRunOutcome(true, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailAsync(run, RunErrors.ShutDown);
            throw;
        }
#pragma warning disable CA1031 // Any failure of a run is recorded on the run; the last good snapshot must stay untouched.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex switch
            {
                ResultsUnavailableException { Reason: { } known } => known,
                ResultsUnavailableException => RunErrors.Fault(Truncate(ex.Message)),
                _ => RunErrors.Fault(Truncate($"{ex.GetType().Name}: {ex.Message}")),
            };
            await FailAsync(run, error);
            LogFailed(logger, ex, run.SurveyId, run.Id, run.Attempt, error.English);
            return new ResultsRunOutcome(false, error.English);
        }
    }

    /// <summary>Marks the run failed with the reason: in English for the audit trail, and as key and values for the page.</summary>
    private async Task FailAsync(ResultRun run, RunError reason)
    {
        // A snapshot added before a failed save must not be written by a later save.
        db.ChangeTracker.Clear();
        var error = Truncate(reason.English);
        var arguments = RunErrors.StoredArguments(reason);
        var now = time.GetUtcNow();
        await db.ResultRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.State, ResultRunState.Failed).SetProperty(r => r.Error, error)
                .SetProperty(r => r.ErrorKey, reason.Key).SetProperty(r => r.ErrorArguments, arguments).SetProperty(r => r.FinishedAt, now),
            CancellationToken.None);
    }

    private static string Truncate(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SurveyId} recomputed (run {RunId}, n = {Count})")]
    private static partial void LogSucceeded(ILogger logger, string surveyId, long runId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Results of {SurveyId} failed (run {RunId}, attempt {Attempt}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string surveyId, long runId, int attempt, string reason);

    /// <summary>
    /// Writes progress to the run's row in its own scope (the calculator may be using the runner's context), only when it
    /// passes a further tenth, so a run makes at most ten such writes.
    /// </summary>
    private sealed class RunProgress(IServiceScopeFactory scopes, long runId) : IProgress<int>
    {
        private readonly Lock _lock = new();
        private int _written;

        public void Report(int value)
        {
            var progress = Math.Clamp(value, 0, 99);
            lock (_lock)
            {
                if (progress / 10 <= _written / 10)
                {
                    return;
                }
                _written = progress;
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<SurveyDbContext>().ResultRuns
                    .Where(r => r.Id == runId)
                    .ExecuteUpdate(s => s.SetProperty(r => r.Progress, progress));
            }
        }
    }
}
