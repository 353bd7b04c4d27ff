using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Survey.Testing;

namespace Survey.Data.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_SchemaEqualsModel()
    {
        using var migrated = await TestDatabase.MigratedAsync();
        using var created = new TempDatabase();
        await using (var context = TestDatabase.Context(created))
        {
            Assert.True(await context.Database.EnsureCreatedAsync());
        }

        var expected = ReadSchema(created);
        Assert.Contains(expected, line => line.StartsWith("table Drafts", StringComparison.Ordinal));
        Assert.Equal(expected, ReadSchema(migrated));
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_HasEveryModelColumnWithItsTypeAndNullability()
    {
        using var migrated = await TestDatabase.MigratedAsync();
        var columns = ReadColumns(migrated);
        await using var context = TestDatabase.Context(migrated);

        foreach (var entityType in context.Model.GetEntityTypes())
        {
            var table = entityType.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table);
            foreach (var property in entityType.GetProperties())
            {
                var name = property.GetColumnName(store)!;
                Assert.True(columns.TryGetValue((table, name), out var column), $"{table}.{name} missing from the migration");
                Assert.Equal((property.GetColumnType(), !property.IsNullable), column);
            }
        }
        var modelColumns = context.Model.GetEntityTypes().Sum(e => e.GetProperties().Count());
        Assert.Equal(modelColumns, columns.Count);
    }

    [Fact]
    public async Task HasPendingModelChanges_ModelAgainstSnapshot_IsFalse()
    {
        using var database = new TempDatabase();
        await using var context = TestDatabase.Context(database);

        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Equal(["20261121000000_Initial", "20261122000000_Results", "20261122010000_Researchers", "20261122020000_SnapshotWeights", "20261206100000_CompletedCodes", "20261206200000_ResearcherSessions", "20261207000000_Panel", "20261207300000_UnorderedResponses", "20261208000000_RunErrorKeys"], context.Database.GetMigrations());
    }

    [Fact]
    public async Task Migrate_ToZero_DownDropsEveryTable()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using (var context = TestDatabase.Context(database))
        {
            await context.GetService<IMigrator>().MigrateAsync("0");
        }

        using var connection = Open(database);
        Assert.DoesNotContain(Tables(connection), t => !t.StartsWith("sqlite_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Responses_Columns_AreOnlyTheAnonymousFive()
    {
        using var migrated = await TestDatabase.MigratedAsync();

        var columns = ReadColumns(migrated).Keys.Where(k => k.Table == "Responses").Select(k => k.Column).Order();

        Assert.Equal(["CompletedOn", "Id", "Language", "SurveyId", "SurveyVersion"], columns);
    }

    [Fact]
    public async Task Migrate_ResultTables_HaveNoLinkToResponsesOrDrafts()
    {
        using var migrated = await TestDatabase.MigratedAsync();
        using var connection = Open(migrated);

        var links = new[] { "Drafts", "Responses", "ResponseAnswers", "ResultRuns", "ResultSnapshots" }
            .SelectMany(t => Rows(connection, $"PRAGMA foreign_key_list(\"{t}\");").Select(f => $"{t} -> {f[2]}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["ResponseAnswers -> Responses", "ResultSnapshots -> ResultRuns"], links);
        Assert.DoesNotContain(ReadColumns(migrated).Keys, k => k.Table.StartsWith("Result", StringComparison.Ordinal) && k.Column.Contains("Response", StringComparison.Ordinal) && k.Column != "ResponseCount");
    }

    [Fact]
    public async Task Migrate_DownToInitial_DropsOnlyResultTables()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using (var context = TestDatabase.Context(database))
        {
            await context.GetService<IMigrator>().MigrateAsync("20261121000000_Initial");
        }

        using var connection = Open(database);
        Assert.Equal(["Drafts", "ResponseAnswers", "Responses"], Tables(connection).Where(t => !t.StartsWith("sqlite_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MigrateAsync_MissingDataFolder_CreatesFileInWalModeAndIsRepeatable()
    {
        using var database = await TestDatabase.MigratedAsync("data/nested/survey.db");
        await using (var again = TestDatabase.Context(database))
        {
            await DatabaseInitializer.MigrateAsync(again, CancellationToken.None);
        }

        Assert.True(File.Exists(database.Path));
        using var connection = Open(database);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(9L, Scalar(connection, "SELECT COUNT(*) FROM __EFMigrationsHistory;"));
    }

    [Fact]
    public async Task ConnectionOpened_AnyContextConnection_HasSecureDeleteOn()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using var context = TestDatabase.Context(database);
        await context.Database.OpenConnectionAsync();

        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA secure_delete;";

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private static SqliteConnection Open(TempDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    // EF's own bookkeeping (__EFMigrationsHistory, and __EFMigrationsLock on SQLite) exists only after Migrate.
    private static List<string> Tables(SqliteConnection connection) =>
        Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB '__EF*' ORDER BY name;")
            .Select(r => (string)r[0]!)
            .ToList();

    /// <summary>One line per table, column (in table order), index and foreign key, from SQLite's pragmas.</summary>
    private static List<string> ReadSchema(TempDatabase database)
    {
        using var connection = Open(database);
        var lines = new List<string>();
        foreach (var table in Tables(connection))
        {
            lines.Add($"table {table}");
            foreach (var c in Rows(connection, $"PRAGMA table_info(\"{table}\");"))
            {
                lines.Add($"  column {table}.{c[1]} type={c[2]} notnull={c[3]} default={c[4] ?? "null"} pk={c[5]}");
            }
            foreach (var i in Rows(connection, $"PRAGMA index_list(\"{table}\");").OrderBy(i => (string)i[1]!, StringComparer.Ordinal))
            {
                var indexColumns = Rows(connection, $"PRAGMA index_info(\"{i[1]}\");")
                    .OrderBy(c => (long)c[0]!)
                    .Select(c => (string?)c[2]);
                lines.Add($"  index {i[1]} unique={i[2]} origin={i[3]} on ({string.Join(", ", indexColumns)})");
            }
            foreach (var f in Rows(connection, $"PRAGMA foreign_key_list(\"{table}\");"))
            {
                lines.Add($"  fk {table}.{f[3]} -> {f[2]}.{f[4]} on_delete={f[6]}");
            }
        }
        return lines;
    }

    private static Dictionary<(string Table, string Column), (string? Type, bool NotNull)> ReadColumns(TempDatabase database)
    {
        using var connection = Open(database);
        var columns = new Dictionary<(string, string), (string?, bool)>();
        foreach (var table in Tables(connection).Where(t => !t.StartsWith("sqlite_", StringComparison.Ordinal)))
        {
            foreach (var c in Rows(connection, $"PRAGMA table_info(\"{table}\");"))
            {
                columns[(table, (string)c[1]!)] = ((string?)c[2], (long)c[3]! == 1);
            }
        }
        return columns;
    }
}
