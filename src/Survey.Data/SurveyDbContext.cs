using Microsoft.EntityFrameworkCore;

namespace Survey.Data;

/// <summary>
/// The platform's storage: drafts in progress and completed anonymous responses (the respondent flow), and the runs and
/// snapshots of weighted results (researcher side, linked to a survey only); the panel, its invitation waves, register
/// samples and the mail outbox (contact data, never linked to a response).
/// </summary>
public sealed class SurveyDbContext(DbContextOptions<SurveyDbContext> options) : DbContext(options)
{
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
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IncrementDraftVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
