using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Jobs;

/// <summary>
/// Deletes unfinished answers that nobody touched for <see cref="SurveyPlatformOptions.DraftRetentionDays"/> days, and the
/// records of sent codes older than yesterday, and panel sign-ups whose confirmation link expired unused.
/// </summary>
public sealed class DraftCleanup(SurveyDbContext db, CivilDate date, IOptions<SurveyPlatformOptions> options, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = date.Today().AddDays(-options.Value.DraftRetentionDays);
        var deleted = await db.Drafts.Where(d => d.UpdatedOn < cutoff).ExecuteDeleteAsync(cancellationToken);
        await Pages.Respond.CompletedCodes.DeleteExpiredAsync(db, date.Today(), cancellationToken);
        await PanelMembers.DeleteExpiredAsync(db, time.GetUtcNow(), cancellationToken);
        return deleted;
    }

    /// <summary>
    /// secure_delete zeroes deleted rows in the database file, but older copies of pages stay in the WAL until a checkpoint
    /// resets it: truncate it so deleted drafts (and sent ones) leave no trace. Before that, VACUUM rebuilds every table in
    /// key order: inside a page SQLite places each new row below the previous one, and rewrites a grown row (an invitation
    /// marked answered) likewise, so until the rebuild the byte layout of a page tells the order of the day's responses and
    /// answered invitations (README, "Invitations and anonymity").
    /// </summary>
    public async Task TruncateWalAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}

/// <summary>
/// The recurring housekeeping job (<see cref="JobsOptions.HousekeepingCron"/>, and at start-up when the nightly run was
/// missed, <see cref="HousekeepingRecord"/>): draft clean-up, then WAL truncation; its completion is recorded.
/// Idempotent: both steps are "make it so" (delete what is past retention, checkpoint the WAL), so a second delivery of
/// the same job finds nothing more to do.
/// </summary>
public sealed partial class HousekeepingJob(DraftCleanup cleanup, HousekeepingRecord record, ILogger<HousekeepingJob> logger)
{
    public const string Id = "housekeeping";

    [AutomaticRetry(Attempts = 1, DelaysInSeconds = [300])]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await cleanup.RunAsync(cancellationToken);
        await cleanup.TruncateWalAsync(cancellationToken);
        record.RecordCompleted();
        LogDone(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: deleted {Count} abandoned drafts and truncated the WAL")]
    private static partial void LogDone(ILogger logger, int count);
}
