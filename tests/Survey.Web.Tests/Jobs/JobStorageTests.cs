using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Survey.Data;
using Survey.Web.Jobs;
using Survey.Web.Results;

namespace Survey.Web.Tests.Jobs;

/// <summary>Hangfire's storage: its own file beside the database, nothing personal in it, recreated when unreadable.</summary>
public sealed class JobStorageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DbContext_SqliteVersion_IsTheCurrentEngineNotHangfiresOldBundle()
    {
        await using var app = new SurveyAppFactory();

        var version = app.WithDb(db =>
        {
            var connection = db.Database.GetDbConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select sqlite_version()";
            return (string)command.ExecuteScalar()!;
        });

        // Hangfire.Storage.SQLite's dependencies bring SQLite 3.49 (SQLitePCLRaw 2.1.11), which must not replace this one.
        Assert.True(Version.Parse(version) >= new Version(3, 53, 4), version);
    }

    [Fact]
    public async Task Start_NoJobStorage_CreatesJobsDbBesideDatabaseAndNoHangfireTableInIt()
    {
        await using var app = new SurveyAppFactory();

        var tables = app.WithDb(db => db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToList());

        Assert.True(File.Exists(app.JobsPath));
        Assert.Contains("Job", Tables(app.JobsPath));
        Assert.DoesNotContain(tables, t => t is "Job" or "State" or "Hash" or "Set" or "JobQueue");
    }

    [Fact]
    public async Task Start_CorruptJobStorage_RecreatedWithWarningAndResponsesUntouched()
    {
        await using var app = new LoggingAppFactory();
        await SeedResponseBeforeStartAsync(app.DatabasePath);
        await File.WriteAllTextAsync(app.JobsPath, "this is not a SQLite database, but it is where jobs.db should be");

        var responses = app.WithDb(db => db.Responses.Count());

        Assert.Equal(1, responses);
        Assert.Contains("Job", Tables(app.JobsPath));
        var warning = Assert.Single(app.Logs, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Job storage " + app.JobsPath + " could not be read", StringComparison.Ordinal));
        Assert.Contains("created it empty", warning.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(app.JobsPath)!, "jobs.db.corrupt-*"));
    }

    [Fact]
    public async Task Complete_SurveyWhoseResultsAreRecomputed_JobStorageHoldsNoAnswerAddressOrUserAgent()
    {
        await using var app = new SurveyAppFactory();
        var userAgent = "JobStorageProbe/" + Guid.NewGuid().ToString("N");
        var remark = "My neighbour at Breestraat " + Guid.NewGuid().ToString("N")[..8];
        var client = RespondentClient.For(app, userAgent);
        var opinions = await client.PostAsync(await client.StartAsync("en", "weighttest"), ("age", "old"), ("gender", "woman"), ("nationality", "eu"), ("nav", "next"));
        var check = await client.PostAsync(opinions, ("safe", "no"), ("remark", remark), ("years", "37"), ("nav", "next"));
        var done = await client.PostAsync(check);
        Assert.EndsWith("/weighttest/done", done.Path, StringComparison.Ordinal);

        // The debounced run is queued (and runs) as Hangfire jobs, beside the recurring and housekeeping ones.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.Services.GetRequiredService<ResultsDebounceSweeper>().SweepAsync(CancellationToken.None);
        var run = await WaitForAsync(() => app.WithDb(db => db.ResultRuns.AsNoTracking().FirstOrDefault(r => r.State == ResultRunState.Succeeded || r.State == ResultRunState.Failed)));
        Assert.Equal(ResultRunTrigger.NewResponses, run.Trigger);

        var rows = ReadEveryRow(app.JobsPath);
        Assert.Contains(rows, r => r.Contains("RecomputeResultsJob", StringComparison.Ordinal));
        foreach (var secret in new[] { userAgent, SurveyAppFactory.ClientAddress.ToString(), remark, "Breestraat", "woman" })
        {
            Assert.DoesNotContain(rows, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
            foreach (var file in new[] { app.JobsPath, app.JobsPath + "-wal" }.Where(File.Exists))
            {
                var bytes = await ReadSharedAsync(file);
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"{Path.GetFileName(file)} contains '{secret}'");
            }
        }
    }

    /// <summary>Every value of every row of every table, one string per row.</summary>
    private static List<string> ReadEveryRow(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var rows = new List<string>();
        foreach (var table in Tables(path))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }
        return rows;
    }

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    private static async Task SeedResponseBeforeStartAsync(string databasePath)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={databasePath};Pooling=False");
        await using var db = new SurveyDbContext(options.Options);
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        db.Responses.Add(new SurveyResponse { Id = Guid.NewGuid(), SurveyId = "flowtest", SurveyVersion = 1, Language = "nl", CompletedOn = new DateOnly(2026, 11, 21) });
        await db.SaveChangesAsync();
    }

    // Polls until the background job got there; the bound only stops a broken test from hanging, it asserts no timing.
    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
