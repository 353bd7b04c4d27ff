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
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            if (entered)
            {
                _holdsGate = false;
                writes!.Exit();
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IncrementDraftVersions();
        var entered = !_holdsGate && writes is not null && await writes.EnterAsync(cancellationToken).ConfigureAwait(false);
        _holdsGate |= entered;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (entered)
            {
                _holdsGate = false;
                writes!.Exit();
            }
        }
    }

    public override void Dispose()
    {
        ExitWriteGateForCommand();
        ExitWriteGateForTransaction();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ExitWriteGateForCommand();
        ExitWriteGateForTransaction();
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
