using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Survey.Data;

/// <summary>
/// Finds only the migrations and model snapshot of the active provider, by namespace
/// (<c>Survey.Data.Migrations.Sqlite</c>, later <c>Survey.Data.Migrations.Postgres</c>).
/// </summary>
/// <remarks>
/// EF Core wants one migrations set per provider (their SQL and column types differ). Its default
/// <see cref="IMigrationsAssembly"/> takes every <see cref="DbContextAttribute"/> class in the assembly, so two
/// sets side by side in this assembly would mix; this replacement keeps them apart without a second assembly.
/// </remarks>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private const string MigrationsNamespace = "Survey.Data.Migrations.";

    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _modelSnapshot;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDatabaseProvider provider)
    {
        var contextType = currentContext.Context.GetType();
        var folder = MigrationsNamespace + ProviderFolder(provider.Name);
        var candidates = Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.Namespace == folder
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .ToList();

        _migrations = new(() => candidates
            .Where(t => t.IsSubclassOf(typeof(Migration)))
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
            .Where(m => m.Id is not null)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal));
        _modelSnapshot = new(() => candidates
            .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
            .SingleOrDefault());
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _modelSnapshot.Value;

    public Assembly Assembly => typeof(ProviderMigrationsAssembly).Assembly;

    /// <summary>The folder (namespace suffix) holding the migrations for an EF Core provider.</summary>
    internal static string ProviderFolder(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "Sqlite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "Postgres",
        _ => throw new NotSupportedException($"No migrations for database provider '{providerName}'."),
    };

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(id =>
        string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
