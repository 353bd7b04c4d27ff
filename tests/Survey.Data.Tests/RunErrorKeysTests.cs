using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Survey.Testing;

namespace Survey.Data.Tests;

/// <summary>Migration 20261208000000: a failed run keeps its reason as a locale key; runs that failed before keep their text.</summary>
public sealed class RunErrorKeysTests
{
    [Fact]
    public async Task Migrate_RunFailedBefore_KeepsItsEnglishTextWithoutKey()
    {
        using var database = new TempDatabase();
        await TestDatabase.MigrateToAsync(database, "20261207300000_UnorderedResponses");
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO ResultRuns (SurveyId, \"Trigger\", State, Progress, Attempt, Error) VALUES ('s', 'Schedule', 'Failed', 0, 1, 'there is no survey ''s''');";
            command.ExecuteNonQuery();
        }

        await using (var context = TestDatabase.Context(database))
        {
            await context.Database.MigrateAsync();
            context.ResultRuns.Add(new ResultRun { SurveyId = "s", State = ResultRunState.Failed, Error = "there is no survey 't'", ErrorKey = "no_survey", ErrorArguments = "[\"t\"]" });
            await context.SaveChangesAsync();
        }

        await using var check = TestDatabase.Context(database);
        var runs = await check.ResultRuns.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Error, r.ErrorKey, r.ErrorArguments }).ToListAsync();
        Assert.Equal(new { Error = (string?)"there is no survey 's'", ErrorKey = (string?)null, ErrorArguments = (string?)null }, runs[0]);
        Assert.Equal(new { Error = (string?)"there is no survey 't'", ErrorKey = (string?)"no_survey", ErrorArguments = (string?)"[\"t\"]" }, runs[1]);
    }
}
