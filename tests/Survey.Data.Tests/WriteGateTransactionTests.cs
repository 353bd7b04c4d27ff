using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data.Tests;

/// <summary>
/// A transaction the code opens itself (the outbox marks, wave creation) holds the process's <see cref="WriteGate"/> until
/// it ends, so another writer of the process queues for the gate instead of colliding with the open transaction on
/// SQLite's write lock (where it would sleep and, past its command timeout, fail with "database is locked").
/// </summary>
public sealed class WriteGateTransactionTests
{
    [Fact]
    public async Task SaveChanges_WhileAnExplicitTransactionIsOpen_WaitsForItsCommitAndSucceeds()
    {
        using var database = await TestDatabase.MigratedAsync();
        // A one-second command timeout: a writer that met the open transaction at SQLite's lock would fail after it.
        await using var services = new ServiceCollection()
            .AddSurveyData($"Data Source={database.Path};Default Timeout=1")
            .BuildServiceProvider();
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var waiter = second.ServiceProvider.GetRequiredService<SurveyDbContext>();

        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.Drafts.Add(TestDatabase.NewDraft("HELD"));
            await holder.SaveChangesAsync();
            waiter.Drafts.Add(TestDatabase.NewDraft("QUEUED"));
            var queued = waiter.SaveChangesAsync();
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.False(queued.IsCompleted, "the second writer did not wait for the open transaction");
            await transaction.CommitAsync();
            Assert.Equal(1, await queued);
        }

        await using var check = new SqliteConnection($"Data Source={database.Path};Mode=ReadOnly;Pooling=False");
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Drafts WHERE Token IN ('HELD', 'QUEUED')";
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }
}
