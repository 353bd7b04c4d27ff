namespace Survey.Web.Jobs;

/// <summary>Settings of the background jobs (Hangfire), bound from the <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The embedded single-node storage, in its own SQLite file.</summary>
    public const string SqliteStorage = "SQLite";

    /// <summary>
    /// Where jobs are kept: <see cref="SqliteStorage"/> (the only one today). The scale-out issue adds <c>PostgreSql</c>
    /// (Hangfire.PostgreSql) here, so that several nodes share one queue.
    /// </summary>
    public string Storage { get; set; } = SqliteStorage;

    /// <summary>
    /// The job storage file (relative to the content root); empty means <c>jobs.db</c> beside the application database.
    /// Never the application database itself: Hangfire's tables are unprefixed (<c>Job</c>, <c>State</c>, <c>Hash</c>…).
    /// </summary>
    public string StoragePath { get; set; } = string.Empty;

    /// <summary>Jobs run at the same time, at most. Results runs also take a lock, so they never overlap.</summary>
    public int WorkerCount { get; set; } = 3;

    /// <summary>How often an idle worker looks for a queued job (Hangfire.Storage.SQLite's default is 15 s).</summary>
    public double QueuePollSeconds { get; set; } = 1;

    /// <summary>How often due scheduled jobs and retries are queued (Hangfire's default is 15 s).</summary>
    public double SchedulePollSeconds { get; set; } = 5;

    /// <summary>Cron (UTC) of the housekeeping job: draft clean-up, then compaction (VACUUM) and WAL truncation.</summary>
    public string HousekeepingCron { get; set; } = "30 3 * * *";

    /// <summary>
    /// How long past its due time a housekeeping run may still be running or retrying before a start counts it as missed
    /// and runs housekeeping itself (<see cref="HousekeepingRecord.NightlyRunMissed"/>).
    /// </summary>
    public int HousekeepingGraceMinutes { get; set; } = 60;

    /// <summary>Cron (UTC) of the job that queues due reminders of open invitation waves (<see cref="WaveRemindersJob"/>).</summary>
    public string WaveRemindersCron { get; set; } = "0 * * * *";

    /// <summary>
    /// How long a fetched job stays invisible to other workers; a job still unfinished then runs again (at least once).
    /// Longer than the longest results run.
    /// </summary>
    public int InvisibilityTimeoutMinutes { get; set; } = 30;
}
