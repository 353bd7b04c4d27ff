using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Survey.Data;

/// <summary>
/// Runs <c>PRAGMA secure_delete = ON</c> and <c>PRAGMA synchronous = FULL</c> (or <c>NORMAL</c> under
/// <see cref="GroupCommit"/>) once on every SQLite connection EF Core opens: once per native connection, which the pool
/// keeps, with its settings, from one open to the next.
/// </summary>
/// <remarks>
/// Anonymity: SQLite normally leaves deleted rows in the file's free pages until they are reused, so an
/// abandoned or completed draft (answers plus resume code) could be read back from the file long after it was
/// deleted. With secure_delete the freed content is overwritten with zeros. The pragma is per connection.
/// Durability: in WAL mode, <c>synchronous=FULL</c> syncs the WAL at every commit, so a commit that returned (and a page
/// that said "saved") survives a power cut; NORMAL alone would only survive a process crash. It is SQLite's usual default, set
/// here so that no build or connection string can lower it. Under group commit, NORMAL plus <see cref="GroupCommit"/>'s
/// sync before anything is acknowledged gives the same promise with fewer syncs.
/// Cost: running the pragmas at every open (two or three per request) was parsed and run again each time; the load
/// benchmark's profile showed it, so they now run when a native connection is new.
/// </remarks>
internal sealed class SqlitePragmaInterceptor(bool groupCommit) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    /// <summary>The statements every connection gets.</summary>
    public string Pragma { get; } = groupCommit
        ? "PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;"
        : "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;";

    // Not memory-mapped reads (mmap_size): tried, and the load benchmark's CPU per submit rose by about 10% (1.73–1.76 ms
    // without, 1.84–1.97 ms with): SQLite maps the file again each time it grows, and the unmapping costs more in the
    // kernel than the read() calls it saves.

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite && IsNew(sqlite))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(sqlite.Handle!, this);
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite && IsNew(sqlite))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Pragma;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            _configured.AddOrUpdate(sqlite.Handle!, this);
        }
    }

    private bool IsNew(SqliteConnection connection) => connection.Handle is not { } handle || !_configured.TryGetValue(handle, out _);
}
