using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Survey.Data;

/// <summary>Runs <c>PRAGMA secure_delete = ON</c> and <c>PRAGMA synchronous = FULL</c> on every SQLite connection EF Core opens.</summary>
/// <remarks>
/// Anonymity: SQLite normally leaves deleted rows in the file's free pages until they are reused, so an
/// abandoned or completed draft (answers plus resume code) could be read back from the file long after it was
/// deleted. With secure_delete the freed content is overwritten with zeros. The pragma is per connection,
/// hence on every open rather than once.
/// Durability: in WAL mode, <c>synchronous=FULL</c> syncs the WAL at every commit, so a commit that returned (and a page
/// that said "saved") survives a power cut; NORMAL would only survive a process crash. It is SQLite's usual default, set
/// here so that no build or connection string can lower it.
/// </remarks>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection)
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Pragma;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
