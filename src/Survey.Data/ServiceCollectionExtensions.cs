using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SurveyDbContext"/> on the SQLite file of <paramref name="connectionString"/>, with one
    /// <see cref="WriteGate"/> for the process: serialised unless <see cref="StorageOptions.SerializeWrites"/> says otherwise.
    /// </summary>
    public static IServiceCollection AddSurveyData(this IServiceCollection services, string connectionString, StorageOptions? storage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // SQLite: one write lock per file, so one writer at a time (a server database would default to false).
        var gate = new WriteGate(storage?.SerializeWrites ?? true);
        services.AddSingleton(gate);
        // Group commit: one sync of the WAL for the commits that finish while the previous sync runs.
        var groupCommit = storage?.GroupCommit ?? true ? GroupCommit.Create(connectionString) : null;
        if (groupCommit is not null)
        {
            services.AddSingleton(groupCommit);
        }
        var pragmas = new SqlitePragmaInterceptor(groupCommit is not null);
        // Pooled contexts with options built once: creating a context per request, with its options, and finding EF Core's
        // internal services for them was a large share of the CPU of a page request (load benchmark profile, README).
        return services.AddDbContextPool<SurveyDbContext>(options =>
            ((IDbContextOptionsBuilderInfrastructure)options.UseSurveySqlite(connectionString, pragmas))
                .AddOrUpdateExtension(new WriteGateOptionsExtension(gate, groupCommit, pragmas)));
    }

    /// <summary>
    /// Configures SQLite the way the platform needs it: <c>secure_delete</c> and <c>synchronous=FULL</c> on every connection,
    /// writing statements outside SaveChanges through the <see cref="WriteGate"/>, and the migrations of the active provider only. Used by <see cref="AddSurveyData"/> and by tests that build a context.
    /// </summary>
    public static DbContextOptionsBuilder UseSurveySqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSurveySqlite(connectionString, new SqlitePragmaInterceptor(groupCommit: false));

    private static DbContextOptionsBuilder UseSurveySqlite(this DbContextOptionsBuilder options, string connectionString, SqlitePragmaInterceptor pragmas)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseSqlite(connectionString)
            .AddInterceptors(pragmas, WriteGateCommandInterceptor.Instance, WriteGateTransactionInterceptor.Instance)
            .ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }
}
