using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Survey.Data;
using Survey.Testing;

namespace Survey.Data.Tests;

internal static class TestDatabase
{
    public static SurveyDbContext Context(TempDatabase database)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite(database.ConnectionString);
        return new SurveyDbContext(options.Options);
    }

    public static async Task<TempDatabase> MigratedAsync(string relativePath = "survey.db")
    {
        var database = new TempDatabase(relativePath);
        await using var context = Context(database);
        await DatabaseInitializer.MigrateAsync(context, CancellationToken.None);
        return database;
    }

    /// <summary>Migrates <paramref name="database"/> up to and including <paramref name="migration"/>, to test the one after it.</summary>
    public static async Task MigrateToAsync(TempDatabase database, string migration)
    {
        await using var context = Context(database);
        await context.GetService<IMigrator>().MigrateAsync(migration);
    }

    public static Draft NewDraft(string token, string answersJson = "{}") => new()
    {
        Token = token,
        SurveyId = "wijkenquete",
        SurveyVersion = 3,
        Language = "nl",
        AnswersJson = answersJson,
        ReachedPages = """["intro","wonen"]""",
        StartedOn = new DateOnly(2026, 11, 20),
        UpdatedOn = new DateOnly(2026, 11, 21),
        Version = 1,
    };
}
