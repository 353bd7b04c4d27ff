using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>
/// The platform's storage: drafts in progress and completed anonymous responses (the respondent flow), and the runs and
/// snapshots of weighted results (researcher side, linked to a survey only); the panel, its invitation waves, register
/// samples and the mail outbox (contact data, never linked to a response).
/// </summary>
/// <remarks>
/// Every write passes the <see cref="WriteGate"/> of the options (<see cref="ServiceCollectionExtensions.AddSurveyData"/>; none
/// when a context is built by hand, as the command line and tests do): SaveChanges for its whole transaction, other writing statements one by one
/// (<see cref="WriteGateCommandInterceptor"/>), and a transaction opened with <c>BeginTransaction</c> from its start to its
/// commit or rollback (<see cref="WriteGateTransactionInterceptor"/>; the outbox and wave creation write several statements
/// in one). Reads never do.
/// </remarks>
public sealed class SurveyDbContext(DbContextOptions<SurveyDbContext> options) : DbContext(options)
{
    private readonly WriteGate? writes = options.FindExtension<WriteGateOptionsExtension>()?.Gate;
    private readonly GroupCommit? groupCommit = options.FindExtension<WriteGateOptionsExtension>()?.GroupCommit;
    private readonly string? pragma = options.FindExtension<WriteGateOptionsExtension>()?.Pragma;

    // SaveChanges is running: the statements and the transaction inside it do not wait for durability; SaveChanges does
    // once, after its commit.
    private bool _inSaveChanges;

    // Set by WithoutDurableWaitsAsync (the outbox drain).
    private bool _skipDurableWaits;

    // A write scope (BeginWriteAsync) is open: its statements do not wait one by one; the scope waits when it ends.
    private bool _inWriteScope;

    // Set while this context holds the gate: by SaveChanges for its transaction, by one statement (_gateForCommand), or by
    // an explicit transaction (_gateForTransaction).
    private bool _holdsGate;
    private bool _gateForCommand;
    private bool _gateForTransaction;

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();

    public DbSet<ResponseAnswer> ResponseAnswers => Set<ResponseAnswer>();

    public DbSet<ResultRun> ResultRuns => Set<ResultRun>();

    public DbSet<ResultSnapshot> ResultSnapshots => Set<ResultSnapshot>();

    public DbSet<ResearcherAccount> Researchers => Set<ResearcherAccount>();

    public DbSet<CompletedCode> CompletedCodes => Set<CompletedCode>();

    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();

    public DbSet<Wave> Waves => Set<Wave>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<SampleFrame> SampleFrames => Set<SampleFrame>();

    public DbSet<FrameUnit> FrameUnits => Set<FrameUnit>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        IncrementDraftVersions();
        var entered = !_holdsGate && writes is not null && writes.Enter();
        _holdsGate |= entered;
        int saved;
        _inSaveChanges = true;
        try
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            _inSaveChanges = false;
            if (entered)
            {
                _holdsGate = false;
                writes!.Exit();
            }
        }
        if (Database.CurrentTransaction is null && !_skipDurableWaits)
        {
            groupCommit?.WaitDurable();
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IncrementDraftVersions();
        var entered = !_holdsGate && writes is not null && await writes.EnterAsync(cancellationToken).ConfigureAwait(false);
        _holdsGate |= entered;
        int saved;
        _inSaveChanges = true;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inSaveChanges = false;
            if (entered)
            {
                _holdsGate = false;
                writes!.Exit();
            }
        }
        // After the gate: the next writer commits while this commit is synced (group commit).
        if (Database.CurrentTransaction is null && !_skipDurableWaits && groupCommit is not null)
        {
            await groupCommit.WaitDurableAsync(cancellationToken).ConfigureAwait(false);
        }
        return saved;
    }

    /// <summary>
    /// Until disposed, this context's commits do not wait for a sync of the WAL (group commit), and its connection is left
    /// as the caller sets it: for the outbox drain, which runs with <c>synchronous=NORMAL</c> on purpose (README, "Mail").
    /// Disposing sets the connection's pragmas back.
    /// </summary>
    public async Task<IAsyncDisposable> WithoutDurableWaitsAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
        _skipDurableWaits = true;
        return new DurableWaitsBack(this);
    }

    private sealed class DurableWaitsBack(SurveyDbContext context) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            context._skipDurableWaits = false;
            await context.Database.ExecuteSqlRawAsync(context.pragma ?? "PRAGMA synchronous = FULL;", CancellationToken.None).ConfigureAwait(false);
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Holds the write gate for the statements the caller runs until the scope is disposed (a write outside SaveChanges, e.g.
    /// one UPDATE in plain SQL), then, under group commit, waits until what they committed is durable. Statements inside
    /// do not ask for the gate again.
    /// </summary>
    public async Task<IAsyncDisposable> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var entered = !_holdsGate && writes is not null && await writes.EnterAsync(cancellationToken).ConfigureAwait(false);
        _holdsGate |= entered;
        _inWriteScope = true;
        return new WriteScope(this, entered);
    }

    private sealed class WriteScope(SurveyDbContext context, bool entered) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            context._inWriteScope = false;
            if (entered)
            {
                context._holdsGate = false;
                context.writes!.Exit();
            }
            if (context.groupCommit is not null && !context._skipDurableWaits && context.Database.CurrentTransaction is null)
            {
                await context.groupCommit.WaitDurableAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A writing statement outside SaveChanges ran: outside a transaction it committed, so wait until it is durable.</summary>
    internal ValueTask StatementCommittedAsync(CancellationToken cancellationToken) =>
        groupCommit is null || _inSaveChanges || _inWriteScope || _skipDurableWaits || Database.CurrentTransaction is not null
            ? ValueTask.CompletedTask
            : groupCommit.WaitDurableAsync(cancellationToken);

    internal void StatementCommitted()
    {
        if (groupCommit is not null && !_inSaveChanges && !_inWriteScope && !_skipDurableWaits && Database.CurrentTransaction is null)
        {
            groupCommit.WaitDurable();
        }
    }

    /// <summary>A transaction the code opened itself committed (SaveChanges' own waits after it returns).</summary>
    internal ValueTask TransactionCommittedAsync(CancellationToken cancellationToken) =>
        groupCommit is null || _inSaveChanges || _skipDurableWaits ? ValueTask.CompletedTask : groupCommit.WaitDurableAsync(cancellationToken);

    internal void TransactionCommitted()
    {
        if (groupCommit is not null && !_inSaveChanges && !_skipDurableWaits)
        {
            groupCommit.WaitDurable();
        }
    }

    public override void Dispose()
    {
        ExitWriteGateForCommand();
        ExitWriteGateForTransaction();
        _skipDurableWaits = _inWriteScope = false; // a pooled context starts its next request clean
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ExitWriteGateForCommand();
        ExitWriteGateForTransaction();
        _skipDurableWaits = _inWriteScope = false;
        return base.DisposeAsync();
    }

    internal void EnterWriteGateForTransaction()
    {
        if (!_holdsGate && writes is not null && writes.Enter())
        {
            _holdsGate = _gateForTransaction = true;
        }
    }

    internal async ValueTask EnterWriteGateForTransactionAsync(CancellationToken cancellationToken)
    {
        if (!_holdsGate && writes is not null && await writes.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            _holdsGate = _gateForTransaction = true;
        }
    }

    internal void ExitWriteGateForTransaction()
    {
        if (_gateForTransaction)
        {
            _holdsGate = _gateForTransaction = false;
            writes!.Exit();
        }
    }

    internal void EnterWriteGateForCommand()
    {
        if (!_holdsGate && writes is not null && writes.Enter())
        {
            _holdsGate = _gateForCommand = true;
        }
    }

    internal async ValueTask EnterWriteGateForCommandAsync(CancellationToken cancellationToken)
    {
        if (!_holdsGate && writes is not null && await writes.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            _holdsGate = _gateForCommand = true;
        }
    }

    internal void ExitWriteGateForCommand()
    {
        if (_gateForCommand)
        {
            _holdsGate = _gateForCommand = false;
            writes!.Exit();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);

    // The UPDATE's WHERE uses the original Version, the SET the incremented one: a second post based on the
    // same loaded version matches no row and fails with DbUpdateConcurrencyException instead of writing twice.
    private void IncrementDraftVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Draft>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(d => d.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
