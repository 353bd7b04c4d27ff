using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Survey.Data.Migrations.Sqlite;

// Hand-written in the form `dotnet ef` generates: the model as of the last migration. EF compares it with the
// current model on Migrate (PendingModelChangesWarning) and a test asserts HasPendingModelChanges() is false,
// so a model change without a migration (and an updated snapshot) fails the build's tests.
[DbContext(typeof(SurveyDbContext))]
public sealed partial class SurveyDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder) => BuildSqliteModel(modelBuilder, includeResearchers: true, includeSnapshotWeights: true, includeCompletedCodes: true, includeResearcherSessions: true, includePanel: true, includeUnorderedResponses: true, includeRunErrorKeys: true);

    /// <summary>
    /// The model after the Results migration; with <paramref name="includeResearchers"/> after the Researchers one; with
    /// <paramref name="includeSnapshotWeights"/> too after the SnapshotWeights one; with <paramref name="includeCompletedCodes"/>
    /// too after the CompletedCodes one (the current model).
    /// </summary>
    /// <remarks>
    /// With <paramref name="includeResearcherSessions"/> after the ResearcherSessions one (role, security stamp); with
    /// <paramref name="includePanel"/> after the Panel one (members, waves, invitations, outbox, sample frames); with
    /// <paramref name="includeUnorderedResponses"/> after the UnorderedResponses one (answers keyed by response and a random number);
    /// with <paramref name="includeRunErrorKeys"/> after the RunErrorKeys one (a failed run's reason as a locale key).
    /// </remarks>
    internal static void BuildSqliteModel(ModelBuilder modelBuilder, bool includeResearchers, bool includeSnapshotWeights = false, bool includeCompletedCodes = false, bool includeResearcherSessions = false, bool includePanel = false, bool includeUnorderedResponses = false, bool includeRunErrorKeys = false)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        if (includeCompletedCodes)
        {
            modelBuilder.Entity("Survey.Data.CompletedCode", b =>
            {
                b.Property<string>("Hash").HasMaxLength(64).HasColumnType("TEXT");
                b.Property<DateOnly>("Day").HasColumnType("TEXT");
                b.HasKey("Hash");
                b.ToTable("CompletedCodes");
            });
        }

        modelBuilder.Entity("Survey.Data.Draft", b =>
        {
            b.Property<string>("Token").HasMaxLength(32).HasColumnType("TEXT");
            b.Property<string>("AnswersJson").IsRequired().HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("ReachedPages").IsRequired().HasColumnType("TEXT");
            b.Property<DateOnly>("StartedOn").HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("SurveyVersion").HasColumnType("INTEGER");
            b.Property<DateOnly>("UpdatedOn").HasColumnType("TEXT");
            b.Property<int>("Version").IsConcurrencyToken().HasColumnType("INTEGER");
            if (includePanel)
            {
                b.Property<long?>("InvitationId").HasColumnType("INTEGER");
                b.HasIndex("InvitationId");
            }
            b.HasKey("Token");
            b.HasIndex("UpdatedOn");
            b.ToTable("Drafts");
        });

        modelBuilder.Entity("Survey.Data.ResponseAnswer", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("Code").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("Item").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("QuestionId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<Guid>("ResponseId").HasColumnType("TEXT");
            b.Property<string>("Text").HasMaxLength(4000).HasColumnType("TEXT");
            if (includeUnorderedResponses)
            {
                // Keyed by the response's random id and a random number: no row id, no order of insertion.
                b.HasKey("ResponseId", "Id");
            }
            else
            {
                b.HasKey("Id");
                b.HasIndex("ResponseId");
            }
            b.ToTable("ResponseAnswers");
        });

        if (includeResearchers)
        {
            modelBuilder.Entity("Survey.Data.ResearcherAccount", b =>
            {
                b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
                b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT");
                b.Property<string>("PasswordHash").IsRequired().HasMaxLength(500).HasColumnType("TEXT");
                b.Property<string>("UserName").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
                if (includeResearcherSessions)
                {
                    b.Property<bool>("IsAdmin").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasDefaultValue(false);
                    b.Property<string>("SecurityStamp").IsRequired().ValueGeneratedOnAdd().HasMaxLength(64).HasColumnType("TEXT").HasDefaultValue("");
                }
                b.HasKey("Id");
                b.HasIndex("UserName").IsUnique();
                b.ToTable("Researchers");
            });
        }

        modelBuilder.Entity("Survey.Data.ResultRun", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<int>("Attempt").HasColumnType("INTEGER");
            b.Property<string>("Error").HasMaxLength(4000).HasColumnType("TEXT");
            if (includeRunErrorKeys)
            {
                b.Property<string>("ErrorArguments").HasColumnType("TEXT");
                b.Property<string>("ErrorKey").HasMaxLength(64).HasColumnType("TEXT");
            }
            b.Property<DateTimeOffset?>("FinishedAt").HasColumnType("TEXT");
            b.Property<int>("Progress").HasColumnType("INTEGER");
            b.Property<DateTimeOffset?>("RequestedAt").HasColumnType("TEXT");
            b.Property<DateTimeOffset?>("StartedAt").HasColumnType("TEXT");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("Trigger").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("SurveyId");
            b.ToTable("ResultRuns");
        });

        modelBuilder.Entity("Survey.Data.ResultSnapshot", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("CellsJson").IsRequired().HasColumnType("TEXT");
            b.Property<DateTimeOffset>("ComputedAt").HasColumnType("TEXT");
            b.Property<string>("GroupVariable").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("ReportJson").IsRequired().HasColumnType("TEXT");
            b.Property<int>("ResponseCount").HasColumnType("INTEGER");
            b.Property<long>("RunId").HasColumnType("INTEGER");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("SurveyVersion").HasColumnType("INTEGER");
            b.Property<string>("TestsJson").IsRequired().HasColumnType("TEXT");
            if (includeSnapshotWeights)
            {
                b.Property<string>("WeightsJson").IsRequired().ValueGeneratedOnAdd().HasColumnType("TEXT").HasDefaultValue("[]");
            }
            b.HasKey("Id");
            b.HasIndex("RunId");
            b.HasIndex("SurveyId");
            b.ToTable("ResultSnapshots");
        });

        modelBuilder.Entity("Survey.Data.SurveyResponse", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedOnAdd().HasColumnType("TEXT");
            b.Property<DateOnly>("CompletedOn").HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("SurveyVersion").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("SurveyId", "SurveyVersion");
            b.ToTable("Responses");
        });

        modelBuilder.Entity("Survey.Data.ResponseAnswer", b =>
        {
            b.HasOne("Survey.Data.SurveyResponse", null)
                .WithMany("Answers")
                .HasForeignKey("ResponseId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Survey.Data.ResultSnapshot", b =>
        {
            b.HasOne("Survey.Data.ResultRun", null)
                .WithMany()
                .HasForeignKey("RunId")
                .OnDelete(DeleteBehavior.Restrict)
                .IsRequired();
        });

        modelBuilder.Entity("Survey.Data.SurveyResponse", b => b.Navigation("Answers"));

        if (includePanel)
        {
            BuildPanelModel(modelBuilder);
        }
    }
}
