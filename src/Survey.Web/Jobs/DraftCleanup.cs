using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Survey.Data;
using Survey.Web.Infrastructure;

namespace Survey.Web.Jobs;

/// <summary>Deletes unfinished answers that nobody touched for <see cref="SurveyPlatformOptions.DraftRetentionDays"/> days.</summary>
public sealed class DraftCleanup(SurveyDbContext db, CivilDate date, IOptions<SurveyPlatformOptions> options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = date.Today().AddDays(-options.Value.DraftRetentionDays);
        var deleted = await db.Drafts.Where(d => d.UpdatedOn < cutoff).ExecuteDeleteAsync(cancellationToken);
        await Pages.Respond.CompletedCodes.DeleteExpiredAsync(db, date.Today(), cancellationToken);
        if (db.Database.IsSqlite())
        {
            // secure_delete zeroes deleted rows in the database file, but older copies of pages stay in the WAL until a
            // checkpoint resets it: truncate it so deleted drafts (and sent ones) leave no trace.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
        return deleted;
    }
}

/// <summary>The Quartz adapter: nightly, and once at start-up.</summary>
[DisallowConcurrentExecution]
public sealed partial class DraftCleanupJob(DraftCleanup cleanup, ILogger<DraftCleanupJob> logger) : IJob
{
    public static readonly JobKey Key = new("draft-cleanup");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var deleted = await cleanup.RunAsync(cancellationToken);
        LogDeleted(logger, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned drafts")]
    private static partial void LogDeleted(ILogger logger, int count);
}

public static class JobsExtensions
{
    /// <summary>In-process Quartz scheduler with an in-memory store (the embedded default).</summary>
    public static WebApplicationBuilder AddSurveyJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DraftCleanup>();
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<DraftCleanupJob>(j => j.WithIdentity(DraftCleanupJob.Key));
            q.AddTrigger(t => t.ForJob(DraftCleanupJob.Key).WithIdentity("draft-cleanup-start").StartNow());
            q.AddTrigger(t => t.ForJob(DraftCleanupJob.Key).WithIdentity("draft-cleanup-nightly")
                .WithCronSchedule("0 30 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
