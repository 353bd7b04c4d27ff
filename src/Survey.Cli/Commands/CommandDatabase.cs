using Microsoft.EntityFrameworkCore;
using Survey.Data;

namespace Survey.Cli.Commands;

/// <summary>
/// What the commands that work on the platform's database share: which file (<c>--database PATH</c>, else the platform's
/// own, <see cref="PlatformDatabase"/>), opening it migrated, and reporting a database that cannot be used. The messages
/// stay each command's own (other tooling reads them), so only the command's name is passed in.
/// </summary>
internal static class CommandDatabase
{
    /// <summary>The platform's <c>Survey__DatabasePath</c> environment setting, if any.</summary>
    public static string? Configured => Environment.GetEnvironmentVariable("Survey__DatabasePath");

    /// <summary>The full path of <paramref name="given"/> (<c>--database</c>), else of the platform's database found from
    /// <paramref name="currentFolder"/>; null when neither is there.</summary>
    public static string? Locate(string? given, string currentFolder, string? configured) =>
        (given ?? PlatformDatabase.Find(currentFolder, configured)) is { } database ? Path.GetFullPath(database) : null;

    /// <summary>The database at <paramref name="database"/>, created or migrated to the current schema.</summary>
    public static async Task<SurveyDbContext> OpenAsync(string database)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        options.UseSurveySqlite($"Data Source={database}");
        var db = new SurveyDbContext(options.Options);
        try
        {
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None).ConfigureAwait(false);
            return db;
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the opened database and returns its exit code; a database that cannot be used (locked,
    /// not a database, unreadable) is reported as <c>COMMAND: cannot use database 'PATH': reason</c>, exit 1.
    /// </summary>
    /// <param name="command">The command as the user typed it, e.g. <c>survey panel import</c>.</param>
    public static async Task<int> UseAsync(string command, string database, TextWriter stderr, Func<SurveyDbContext, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var db = await OpenAsync(database).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                return await work(db).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{command}: cannot use database '{database}': {e.Message}");
            return 1;
        }
    }
}
