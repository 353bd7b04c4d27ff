using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data;

/// <summary>Brings the database to the current schema at start-up.</summary>
public static class DatabaseInitializer
{
    /// <summary>Migrates the database of a <see cref="SurveyDbContext"/> taken from a new scope.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            await MigrateAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the folder of the SQLite file if missing, applies pending migrations and switches the file to
    /// WAL mode (readers no longer wait for the writer; the mode is stored in the file, so once is enough).
    /// </summary>
    public static async Task MigrateAsync(SurveyDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Database.IsSqlite())
        {
            CreateDataFolder(context.Database.GetConnectionString());
        }

        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);

        if (context.Database.IsSqlite())
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    private static void CreateDataFolder(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
