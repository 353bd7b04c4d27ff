using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Survey.Testing;
using Survey.Web.Jobs;

namespace Survey.Web.Tests.Jobs;

/// <summary>
/// A start runs housekeeping (and its VACUUM) only when the nightly run was missed: a restart right after a completed run
/// leaves the database as it is, a start after a night the platform was down compacts it.
/// </summary>
public sealed class HousekeepingStartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_RightAfterCompletedHousekeeping_QueuesNoHousekeepingAndDoesNotVacuum()
    {
        using var temp = new TempDirectory();
        var database = temp.File("survey.db");
        var completed = await FirstStartAsync(database);
        LeaveFreePages(database);

        await using (var after = new RestartedAppFactory(database))
        {
            after.Clock.Set(completed + TimeSpan.FromMinutes(5));
            var record = after.Services.GetRequiredService<HousekeepingRecord>();

            Assert.False(record.NightlyRunMissed());
            Assert.Equal(1, HousekeepingJobs(after));
            Assert.Equal(completed, record.LastCompleted());
        }
        SqliteConnection.ClearAllPools();

        Assert.True(FreePages(database) > 0);
    }

    [Fact]
    public async Task Start_AfterMissedNightlyRun_RunsHousekeepingAndVacuums()
    {
        using var temp = new TempDirectory();
        var database = temp.File("survey.db");
        var completed = await FirstStartAsync(database);
        LeaveFreePages(database);

        // The first start was at 22:30 UTC; the run due at 03:30 the next night did not happen (the platform was down).
        await using var after = new RestartedAppFactory(database);
        var restarted = completed + TimeSpan.FromHours(7);
        after.Clock.Set(restarted);
        var record = after.Services.GetRequiredService<HousekeepingRecord>();

        await WaitUntilAsync(() => record.LastCompleted() == restarted);
        Assert.Equal(2, HousekeepingJobs(after));
        Assert.Equal(0, FreePages(database));
    }

    [Fact]
    public async Task NightlyRunMissed_WithinGraceAfterDueTime_IsFalseAndAfterItTrue()
    {
        using var temp = new TempDirectory();
        await using var app = new RestartedAppFactory(temp.File("survey.db"));
        var record = app.Services.GetRequiredService<HousekeepingRecord>();
        await WaitUntilAsync(() => record.LastCompleted() is not null);
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 3, 31, 0, TimeSpan.Zero));
        record.RecordCompleted();

        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 4, 29, 0, TimeSpan.Zero));
        Assert.False(record.NightlyRunMissed());
        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 4, 31, 0, TimeSpan.Zero));
        Assert.True(record.NightlyRunMissed());
    }

    // A new job storage has no record, so the first start runs housekeeping; returns the completion it recorded.
    private static async Task<DateTimeOffset> FirstStartAsync(string database)
    {
        await using var first = new RestartedAppFactory(database);
        var record = first.Services.GetRequiredService<HousekeepingRecord>();
        // Until Hangfire marks the job succeeded, the next start would take it for one interrupted and run it again.
        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(() => monitoring.SucceededJobs(0, 100).Any(j => j.Value.Job?.Type == typeof(HousekeepingJob)));
        Assert.Equal(first.Clock.GetUtcNow(), record.LastCompleted());
        SqliteConnection.ClearAllPools();
        return first.Clock.GetUtcNow();
    }

    // Fills a scratch table and drops it: its pages stay on SQLite's free list until a VACUUM rebuilds the file.
    private static void LeaveFreePages(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE scratch (b BLOB);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO scratch SELECT randomblob(4000) FROM n;
            DROP TABLE scratch;
            """;
        command.ExecuteNonQuery();
        Assert.True(FreePages(database) > 0);
    }

    private static long FreePages(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA freelist_count;";
        return (long)command.ExecuteScalar()!;
    }

    // Queued, running or done: read in the order a job moves through them, so one moving meanwhile is still counted.
    private static int HousekeepingJobs(RestartedAppFactory app)
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var enqueued = monitoring.EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job);
        var processing = monitoring.ProcessingJobs(0, 100).Select(j => j.Value.Job);
        var succeeded = monitoring.SucceededJobs(0, 100).Select(j => j.Value.Job);
        return enqueued.Concat(processing).Concat(succeeded).Count(job => job?.Type == typeof(HousekeepingJob));
    }

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task WaitUntilAsync(Func<bool> probe)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!probe())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
