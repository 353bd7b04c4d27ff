using Microsoft.EntityFrameworkCore;
using Survey.Data;
using Survey.Testing;
using Survey.Web.Tests.Results;

namespace Survey.Web.Tests.Jobs;

/// <summary>
/// The real platform as a process of its own (the built Survey.Web.dll), killed with SIGKILL: what a power cut or an OOM
/// kill does. Nothing that a respondent sent may be left out of the results afterwards.
/// </summary>
public sealed class ProcessKillTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Sigkill_BeforeDebouncedRecomputeIsDue_RecomputeRunsAfterRestartAndNoRunIsLeftRunning()
    {
        var database = _temp.File("data/survey.db");
        await using (var db = Context(database))
        {
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
            await ResultsAppFactory.SeedAsync(db, 60);
        }

        // First life: the debounce wait is long, so the kill certainly comes before the recompute is due.
        using var first = await StartAsync(database, debounceSeconds: 600);
        var client = new RespondentClient(first.Client());
        var opinions = await client.PostAsync(await client.StartAsync("en", "weighttest"), ("age", "young"), ("gender", "man"), ("nationality", "non_eu"), ("nav", "next"));
        var done = await client.PostAsync(await client.PostAsync(opinions, ("safe", "yes"), ("nav", "next")));
        Assert.EndsWith("/weighttest/done", done.Path, StringComparison.Ordinal);
        first.Kill();
        Assert.Equal(0, await CountAsync(database, db => db.ResultSnapshots.CountAsync()));

        // Second life: nothing told it about the response but the database.
        using var second = await StartAsync(database, debounceSeconds: 2);
        var snapshot = await WaitForAsync(() => CountAsync(database, db => db.ResultSnapshots.AsNoTracking().FirstOrDefaultAsync()));
        var unfinished = await CountAsync(database, db => db.ResultRuns.CountAsync(r => r.State == ResultRunState.Running || r.State == ResultRunState.Queued));

        Assert.Equal((ResultsAppFactory.Version, 61), (snapshot.SurveyVersion, snapshot.ResponseCount));
        Assert.Equal(0, unfinished);
        Assert.Equal(ResultRunTrigger.NewResponses, await CountAsync(database, db => db.ResultRuns.Where(r => r.Id == snapshot.RunId).Select(r => r.Trigger).SingleAsync()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static SurveyDbContext Context(string database)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database};Pooling=False");
        return new SurveyDbContext(options.Options);
    }

    private static async Task<T> CountAsync<T>(string database, Func<SurveyDbContext, Task<T>> query)
    {
        await using var db = Context(database);
        return await query(db);
    }

    // Polls until the platform got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    /// <summary>The platform on the test surveys, picking up due recomputes within half a second once the debounce wait is over.</summary>
    private static Task<PlatformProcess> StartAsync(string database, int debounceSeconds) =>
        PlatformProcess.StartServingAsync(
            Path.Combine(RepoPaths.Root, "tests", "Survey.Web.Tests", "Surveys"), database, Patience,
            ("Results:DebounceSeconds", PlatformProcess.Setting(debounceSeconds)), ("Results:DebounceSweepSeconds", "0.5"), ("Jobs:QueuePollSeconds", "0.5"));
}
