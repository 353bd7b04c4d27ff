using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Survey.Load;

/// <summary>
/// The disk's limit: one connection inserting small rows into a new SQLite file in the given folder, with the platform's
/// pragmas (WAL, <c>synchronous=FULL</c>, <c>secure_delete</c>), each transaction committed durably before the next.
/// </summary>
internal static class RawCommit
{
    /// <summary>Transactions per second and rows per second, with <paramref name="rowsPerTransaction"/> rows in each.</summary>
    public static (double Commits, double Rows) Measure(string folder, TimeSpan duration, int rowsPerTransaction)
    {
        var file = Path.Combine(folder, $"raw-commit-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;");
            Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, survey TEXT NOT NULL, answers TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (survey, answers) VALUES ('stadsenquete', '{\"q1\":[{\"Code\":\"3\"}],\"q2\":[{\"Text\":\"Test\"}]}');";
            var commits = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < rowsPerTransaction; i++)
                {
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
                commits++;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            return (commits / seconds, commits * rowsPerTransaction / seconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
