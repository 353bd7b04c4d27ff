using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SurveyDbContext"/> on the SQLite file of <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddSurveyData(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddDbContext<SurveyDbContext>(options => options.UseSurveySqlite(connectionString));
    }

    /// <summary>
    /// Configures SQLite the way the platform needs it: <c>secure_delete</c> on every connection and the
    /// migrations of the active provider only. Used by <see cref="AddSurveyData"/> and by tests that build a context.
    /// </summary>
    public static DbContextOptionsBuilder UseSurveySqlite(this DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }
}
