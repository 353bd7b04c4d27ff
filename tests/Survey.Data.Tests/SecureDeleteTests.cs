using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Survey.Testing;

namespace Survey.Data.Tests;

public sealed class SecureDeleteTests
{
    [Fact]
    public async Task Delete_DraftWithUniqueMarker_MarkerGoneFromDatabaseFileAndWal()
    {
        using var database = await TestDatabase.MigratedAsync();
        // Held open for the whole test so the WAL file stays, as it does under the app's pooled connections.
        using var keeper = new SqliteConnection(database.ConnectionString);
        keeper.Open();
        var answerMarker = "answer-" + Guid.NewGuid().ToString("N");
        var tokenMarker = "tk" + Guid.NewGuid().ToString("N")[..30];

        await using (var context = TestDatabase.Context(database))
        {
            context.Drafts.Add(TestDatabase.NewDraft(tokenMarker, $$"""{"q2":"{{answerMarker}}"}"""));
            await context.SaveChangesAsync();
        }
        Checkpoint(keeper);
        Assert.True(database.FileContains(answerMarker), "control: the marker must be findable before the delete");
        Assert.True(database.FileContains(tokenMarker), "control: the token must be findable before the delete");

        await using (var context = TestDatabase.Context(database))
        {
            context.Drafts.Remove(await context.Drafts.SingleAsync());
            await context.SaveChangesAsync();
        }
        Checkpoint(keeper);

        Assert.False(database.FileContains(answerMarker));
        Assert.False(database.FileContains(tokenMarker));
    }

    private static void Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }
}
