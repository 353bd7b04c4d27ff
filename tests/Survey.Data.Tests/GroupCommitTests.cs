using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data.Tests;

/// <summary>
/// Group commit (<see cref="GroupCommit"/>): commits share syncs of the WAL, and no writer is told "saved" before a sync
/// that began after its commit has ended.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task WaitDurable_WritersCommitDuringASync_OneSyncCoversThemAllAndNobodyReturnsBeforeIt()
    {
        long clock = 0;
        var syncs = new List<(long Start, long End)>();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var group = new GroupCommit(() =>
        {
            var start = Interlocked.Increment(ref clock);
            if (!started.IsSet)
            {
                // The first sync is slow: the other writers commit while it runs.
                started.Set();
                Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
            }
            var end = Interlocked.Increment(ref clock);
            lock (syncs)
            {
                syncs.Add((start, end));
            }
        });
        async Task<(long Committed, long Returned)> WriteAsync()
        {
            var committed = Interlocked.Increment(ref clock);
            await group.WaitDurableAsync(CancellationToken.None);
            return (committed, Interlocked.Increment(ref clock));
        }

        var first = Task.Run(WriteAsync);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var others = Enumerable.Range(0, 63).Select(_ => WriteAsync()).ToList();
        Assert.All(others, other => Assert.False(other.IsCompleted));
        release.Set();
        var writers = await Task.WhenAll([first, .. others]);

        foreach (var (committed, returned) in writers)
        {
            Assert.Contains(syncs, sync => sync.Start > committed && sync.End < returned);
        }
        Assert.Equal(64, group.Commits);
        Assert.Equal(2, group.Syncs); // the first writer's, then one for the 63 that committed during it
    }

    [Fact]
    public async Task WaitDurable_OneWriterAfterAnother_SyncsForEach()
    {
        var syncs = 0;
        using var group = new GroupCommit(() => Interlocked.Increment(ref syncs));

        await group.WaitDurableAsync(CancellationToken.None);
        await group.WaitDurableAsync(CancellationToken.None);
        group.WaitDurable();

        Assert.Equal(3, syncs);
    }

    [Fact]
    public async Task WaitDurable_SyncFails_TheWriterIsToldAndTheNextSyncRuns()
    {
        var calls = 0;
        using var group = new GroupCommit(() =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new IOException("disk gone");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => group.WaitDurableAsync(CancellationToken.None).AsTask());
        await group.WaitDurableAsync(CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.Equal(1, group.Syncs);
    }

    [Fact]
    public void Create_InMemoryDatabase_IsNotUsed()
    {
        Assert.Null(GroupCommit.Create("Data Source=:memory:"));
        Assert.Null(GroupCommit.Create("Data Source=shared;Mode=Memory"));
    }

    [Fact]
    public async Task Platform_WithGroupCommit_ConnectionsRunNormalAndCommitsWaitForSyncs()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var services = new ServiceCollection().AddSurveyData($"Data Source={database.Path}").BuildServiceProvider();
        var group = services.GetRequiredService<GroupCommit>();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            Assert.Equal(1, await SynchronousAsync(db)); // NORMAL
            db.Drafts.Add(TestDatabase.NewDraft("G1"));
            await db.SaveChangesAsync();
            await db.Drafts.Where(d => d.Token == "G1").ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, "en"));
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Drafts.Add(TestDatabase.NewDraft("G2"));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        // SaveChanges, the statement outside it, and the explicit transaction (whose SaveChanges inside did not wait).
        Assert.Equal(3, group.Commits);
        Assert.Equal(3, group.Syncs);
    }

    [Fact]
    public async Task Platform_GroupCommitOff_ConnectionsRunFull()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var services = new ServiceCollection()
            .AddSurveyData($"Data Source={database.Path}", new StorageOptions { GroupCommit = false })
            .BuildServiceProvider();

        Assert.Null(services.GetService<GroupCommit>());
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(2, await SynchronousAsync(scope.ServiceProvider.GetRequiredService<SurveyDbContext>())); // FULL
    }

    [Fact]
    public async Task HandBuiltContext_CommandLine_RunsFull()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var db = TestDatabase.Context(database);

        Assert.Equal(2, await SynchronousAsync(db));
    }

    [Fact]
    public async Task WaitDurable_AfterEveryOtherConnectionClosed_TheWalFileIsTheSameOneSqliteWrites()
    {
        using var database = await TestDatabase.MigratedAsync();
        using var group = GroupCommit.Create($"Data Source={database.Path}")!;
        await WriteAsync(database, "W1");
        await group.WaitDurableAsync(CancellationToken.None);

        // The last connection of the platform closing would checkpoint and delete the WAL, and a new one would be created:
        // the group commit keeps one open, so the file it syncs stays the one SQLite writes.
        SqliteConnection.ClearAllPools();
        Assert.True(File.Exists(database.Path + "-wal"), "the WAL was deleted when the pool closed");
        await WriteAsync(database, "W2");
        await group.WaitDurableAsync(CancellationToken.None);

        Assert.Equal(2, group.Syncs);
        Assert.True(new FileInfo(database.Path + "-wal").Length > 0, "the second write is not in the WAL");
    }

    /// <summary>A write through a pooled connection, as the platform's (the pool keeps it open afterwards).</summary>
    private static async Task WriteAsync(Survey.Testing.TempDatabase database, string token)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database.Path}");
        await using var db = new SurveyDbContext(options.Options);
        db.Drafts.Add(TestDatabase.NewDraft(token));
        await db.SaveChangesAsync();
    }

    private static async Task<long> SynchronousAsync(SurveyDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
