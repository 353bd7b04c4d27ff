using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Survey.Testing;

namespace Survey.Data.Tests;

/// <summary>Migration 20261207300000: responses and answers keep no order of completion, and existing rows survive the rebuild.</summary>
public sealed class UnorderedResponsesTests
{
    [Fact]
    public async Task Migrate_ExistingResponsesInRowidTables_CopiesEveryAnswerIntoTablesWithoutRowid()
    {
        using var database = new TempDatabase();
        await TestDatabase.MigrateToAsync(database, "20261207000000_Panel");
        var ids = new List<string>();
        using (var connection = Open(database))
        {
            for (var i = 0; i < 30; i++)
            {
                var id = Guid.NewGuid().ToString().ToUpperInvariant();
                ids.Add(id);
                Execute(connection, $"INSERT INTO Responses (Id, SurveyId, SurveyVersion, Language, CompletedOn) VALUES ('{id}', 's', 1, 'nl', '2026-12-0{1 + (i % 5)}');");
                Execute(connection, $"INSERT INTO ResponseAnswers (ResponseId, QuestionId, Code) VALUES ('{id}', 'q1', 'a{i}');");
                Execute(connection, $"INSERT INTO ResponseAnswers (ResponseId, QuestionId, Text) VALUES ('{id}', 'q2', 't{i}');");
            }
        }

        await using (var context = TestDatabase.Context(database))
        {
            await context.Database.MigrateAsync();
            var stored = await context.Responses.Include(r => r.Answers).AsNoTracking().ToListAsync();
            Assert.Equal(30, stored.Count);
            Assert.All(stored, r => Assert.Equal(2, r.Answers.Count));
            Assert.Equal(60, stored.SelectMany(r => r.Answers).Select(a => a.Id).Distinct().Count());
        }

        using var check = Open(database);
        Assert.Equal(1L, Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'Responses' AND sql LIKE '%WITHOUT ROWID%';"));
        Assert.Equal(1L, Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ResponseAnswers' AND sql LIKE '%WITHOUT ROWID%';"));
        Assert.Equal(0L, Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'ef_old_%';"));
        Assert.Throws<SqliteException>(() => Scalar(check, "SELECT rowid FROM Responses LIMIT 1;"));
        Assert.Throws<SqliteException>(() => Scalar(check, "SELECT rowid FROM ResponseAnswers LIMIT 1;"));
        // The file's order is the order of the random keys, not the order of insertion.
        var physical = Column(check, "SELECT Id FROM Responses;");
        Assert.Equal(ids.Order(StringComparer.Ordinal), physical);
        Assert.NotEqual(ids, physical);
    }

    [Fact]
    public async Task SaveChanges_Answers_GetRandomIdsUnrelatedToInsertionOrder()
    {
        using var database = await TestDatabase.MigratedAsync();
        await using (var context = TestDatabase.Context(database))
        {
            for (var i = 0; i < 20; i++)
            {
                var response = new SurveyResponse { SurveyId = "s", SurveyVersion = 1, Language = "nl", CompletedOn = new DateOnly(2026, 12, 7) };
                response.Answers.Add(new ResponseAnswer { QuestionId = "q", Code = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                context.Responses.Add(response);
                await context.SaveChangesAsync();
            }
        }

        using var connection = Open(database);
        var codesInFileOrder = Column(connection, "SELECT Code FROM ResponseAnswers;").Select(int.Parse).ToList();
        var codesInIdOrder = Column(connection, "SELECT Code FROM ResponseAnswers ORDER BY Id;").Select(int.Parse).ToList();
        var inserted = Enumerable.Range(0, 20).ToList();
        // 1 in 20! that either equals insertion order by chance.
        Assert.NotEqual(inserted, codesInFileOrder);
        Assert.NotEqual(inserted, codesInIdOrder);
    }

    private static SqliteConnection Open(TempDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
