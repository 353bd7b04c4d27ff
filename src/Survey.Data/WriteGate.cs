using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Survey.Data;

/// <summary>Storage settings (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// One writer at a time in this process (<see cref="WriteGate"/>). Empty means: decided by the provider, on for SQLite
    /// (one write lock per file), off for a server database, where the same code simply runs concurrently.
    /// </summary>
    public bool? SerializeWrites { get; set; }

    /// <summary>
    /// SQLite: commits that finish while a sync of the WAL is under way share the next one (<see cref="GroupCommit"/>),
    /// acknowledged only after it. Empty or true: on where it works (SQLite file on Linux); false: every commit syncs itself
    /// (<c>synchronous=FULL</c>).
    /// </summary>
    public bool? GroupCommit { get; set; }
}

/// <summary>
/// Lets one write transaction at a time into the database, in the order they ask, instead of letting them collide on
/// SQLite's write lock.
/// </summary>
/// <remarks>
/// Why: SQLite has one write lock per file. EF Core starts each SaveChanges with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's
/// default), so a second writer gets <c>SQLITE_BUSY</c> at once, and Microsoft.Data.Sqlite then sleeps 150 ms
/// (<c>Thread.Sleep</c>, a blocked pool thread) before it tries again, up to the command timeout. Under load that made
/// submits wait in steps of about 150 ms. Waiting here instead is a queue: the next writer starts the moment the previous
/// one committed. Only writes pass through: reads (every page GET) never wait here, and in WAL mode never wait for the
/// writer either. The transactions are short: a page reads and validates outside, and SaveChanges writes its few rows.
/// Another process writing the same file (the command line) can still collide; Microsoft.Data.Sqlite's retry covers that.
/// <para>
/// Pages that write: the introduction's POST (a new draft), a question page's POST (its draft), the check page's POST (the
/// response; the draft deleted), an invitation link or letter code opened the first time (GET or POST: a new draft),
/// researcher sign-in, the panel's sign-up and personal pages, and the researchers' wave and import pages; besides them
/// the mail outbox and the results and housekeeping jobs. Question, check and result pages only read on GET.
/// </para>
/// </remarks>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _one = serialize ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Whether writes wait for each other (false: the gate lets everything through).</summary>
    public bool Serializes => _one is not null;

    internal async ValueTask<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (_one is null)
        {
            return false;
        }
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal bool Enter()
    {
        _one?.Wait();
        return _one is not null;
    }

    internal void Exit() => _one?.Release();
}

/// <summary>
/// Puts the writes that do not go through SaveChanges (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL such as the WAL
/// checkpoint) through the <see cref="WriteGate"/> of the context, for the one statement. Commands inside SaveChanges, which
/// already holds the gate, and reads pass straight through.
/// </summary>
internal sealed class WriteGateCommandInterceptor : DbCommandInterceptor
{
    public static WriteGateCommandInterceptor Instance { get; } = new();

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SurveyDbContext context)
        {
            context.EnterWriteGateForCommand();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SurveyDbContext context)
        {
            await context.EnterWriteGateForCommandAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Exit(eventData.Context);
        (eventData.Context as SurveyDbContext)?.StatementCommitted();
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        if (eventData.Context is SurveyDbContext context)
        {
            await context.StatementCommittedAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Exit(eventData.Context);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Exit(eventData.Context);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Exit(DbContext? context)
    {
        if (context is SurveyDbContext survey)
        {
            survey.ExitWriteGateForCommand();
        }
    }
}

/// <summary>
/// Holds the <see cref="WriteGate"/> of the context from the start of a transaction the code opened itself
/// (<c>Database.BeginTransaction</c>) until it is committed, rolled back or fails, so that its several statements do not
/// hold SQLite's write lock while another writer of the process waits on it, and SaveChanges and statements inside it do
/// not ask for the gate again. SaveChanges' own transaction starts while SaveChanges already holds the gate: nothing changes.
/// </summary>
internal sealed class WriteGateTransactionInterceptor : DbTransactionInterceptor
{
    public static WriteGateTransactionInterceptor Instance { get; } = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        (eventData.Context as SurveyDbContext)?.EnterWriteGateForTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SurveyDbContext context)
        {
            await context.EnterWriteGateForTransactionAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Exit(eventData.Context);
        (eventData.Context as SurveyDbContext)?.TransactionCommitted();
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        if (eventData.Context is SurveyDbContext context)
        {
            await context.TransactionCommittedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Exit(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Exit(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Exit(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Exit(DbContext? context) => (context as SurveyDbContext)?.ExitWriteGateForTransaction();
}

/// <summary>Carries the <see cref="WriteGate"/> in a context's options (pooled contexts get nothing else from the application).</summary>
internal sealed class WriteGateOptionsExtension(WriteGate gate, GroupCommit? groupCommit, SqlitePragmaInterceptor pragmas) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public WriteGate Gate { get; } = gate;

    /// <summary>Where commits wait to be durable; null: every commit syncs itself.</summary>
    public GroupCommit? GroupCommit { get; } = groupCommit;

    /// <summary>The statements each connection starts with (to set a connection back after changing them).</summary>
    public string Pragma => pragmas.Pragma;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => string.Empty;

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
