using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Survey.Web.Jobs;

/// <summary>
/// Opens Hangfire's embedded storage in its own SQLite file. A missing file is created; one that SQLite cannot read
/// (corrupt, or not a database) is set aside and recreated empty, with a warning in the log that says so and what is lost.
/// The responses database is never touched here.
/// </summary>
public static partial class JobStorageFile
{
    public static JobStorage Open(string path, JobsOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            LogCreated(logger, path);
        }
        else if (Unreadable(path) is { } reason)
        {
            var aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(path, aside);
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
            LogRecreated(logger, path, reason, aside);
        }
        return new SQLiteStorage(path, new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollSeconds),
            InvisibilityTimeout = TimeSpan.FromMinutes(options.InvisibilityTimeoutMinutes),
        });
    }

    /// <summary>Why SQLite cannot use the file, or null when it can.</summary>
    private static string? Unreadable(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var result = command.ExecuteScalar() as string;
            return result == "ok" ? null : result ?? "quick_check returned nothing";
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job storage {Path} did not exist; created it empty")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job storage {Path} could not be read ({Reason}); moved it to {Aside} and created it empty. Queued and scheduled jobs in it are lost: results runs left unfinished are run again, the recurring jobs are set up again, and the responses database is untouched")]
    private static partial void LogRecreated(ILogger logger, string path, string reason, string aside);
}
