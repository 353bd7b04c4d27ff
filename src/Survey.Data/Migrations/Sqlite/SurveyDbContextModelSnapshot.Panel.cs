using Microsoft.EntityFrameworkCore;

namespace Survey.Data.Migrations.Sqlite;

// The panel's part of the hand-written model snapshot (migration 20261207000000_Panel).
public sealed partial class SurveyDbContextModelSnapshot
{
    private static void BuildPanelModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("Survey.Data.PanelMember", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedOnAdd().HasColumnType("TEXT");
            b.Property<string>("AgeBand").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<DateTimeOffset?>("ConfirmExpiresAt").HasColumnType("TEXT");
            b.Property<DateTimeOffset?>("ConfirmedAt").HasColumnType("TEXT");
            b.Property<string>("ConsentVersion").IsRequired().HasMaxLength(32).HasColumnType("TEXT");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT");
            b.Property<string>("District").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("Email").IsRequired().HasMaxLength(320).HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("ManageTokenHash").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("Nationality").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("Source").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<int>("Status").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("Email").IsUnique();
            b.HasIndex("ManageTokenHash").IsUnique();
            b.HasIndex("Status");
            b.ToTable("PanelMembers");
        });

        modelBuilder.Entity("Survey.Data.Wave", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<DateOnly>("ClosesOn").HasColumnType("TEXT");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT");
            b.Property<string>("CreatedBy").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("Kind").HasColumnType("INTEGER");
            b.Property<string>("ReminderDays").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("SelectionJson").IsRequired().HasColumnType("TEXT");
            b.Property<DateTimeOffset>("SendAt").HasColumnType("TEXT");
            b.Property<string>("StratifyBy").HasMaxLength(32).HasColumnType("TEXT");
            b.Property<string>("SurveyId").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("SurveyId");
            b.ToTable("Waves");
        });

        modelBuilder.Entity("Survey.Data.SampleFrame", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<DateTimeOffset>("ImportedAt").HasColumnType("TEXT");
            b.Property<string>("Source").IsRequired().HasMaxLength(260).HasColumnType("TEXT");
            b.HasKey("Id");
            b.ToTable("SampleFrames");
        });

        modelBuilder.Entity("Survey.Data.FrameUnit", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("AddressLine").IsRequired().HasMaxLength(500).HasColumnType("TEXT");
            b.Property<string>("AgeBand").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("District").IsRequired().HasMaxLength(100).HasColumnType("TEXT");
            b.Property<int>("FrameId").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("FrameId");
            b.ToTable("FrameUnits");
        });

        modelBuilder.Entity("Survey.Data.Invitation", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<DateOnly?>("AnsweredOn").HasColumnType("TEXT");
            b.Property<string>("BounceReason").HasMaxLength(1000).HasColumnType("TEXT");
            b.Property<long?>("FrameUnitId").HasColumnType("INTEGER");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<DateTimeOffset?>("MailedAt").HasColumnType("TEXT");
            b.Property<Guid?>("MemberId").HasColumnType("TEXT");
            b.Property<int>("RemindersSent").HasColumnType("INTEGER");
            b.Property<int>("Status").HasColumnType("INTEGER");
            b.Property<string>("Stratum").HasMaxLength(100).HasColumnType("TEXT");
            b.Property<string>("TokenHash").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<int>("WaveId").HasColumnType("INTEGER");
            b.HasKey("Id");
            b.HasIndex("FrameUnitId");
            b.HasIndex("MemberId");
            b.HasIndex("TokenHash").IsUnique();
            b.HasIndex("WaveId", "Status");
            b.ToTable("Invitations");
        });

        modelBuilder.Entity("Survey.Data.OutboxMessage", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<int>("Attempts").HasColumnType("INTEGER");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT");
            b.Property<long?>("InvitationId").HasColumnType("INTEGER");
            b.Property<string>("Key").IsRequired().HasMaxLength(200).HasColumnType("TEXT");
            b.Property<string>("Language").IsRequired().HasMaxLength(16).HasColumnType("TEXT");
            b.Property<string>("LastError").HasMaxLength(1000).HasColumnType("TEXT");
            b.Property<Guid?>("MemberId").HasColumnType("TEXT");
            b.Property<DateTimeOffset>("NotBefore").HasColumnType("TEXT");
            b.Property<DateTimeOffset?>("SentAt").HasColumnType("TEXT");
            b.Property<int>("State").HasColumnType("INTEGER");
            b.Property<string>("Template").IsRequired().HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("ToAddress").HasMaxLength(320).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("InvitationId");
            b.HasIndex("Key").IsUnique();
            b.HasIndex("MemberId");
            b.HasIndex("State", "NotBefore");
            b.ToTable("Outbox");
        });

        modelBuilder.Entity("Survey.Data.FrameUnit", b =>
        {
            b.HasOne("Survey.Data.SampleFrame", null).WithMany().HasForeignKey("FrameId").OnDelete(DeleteBehavior.Cascade).IsRequired();
        });

        modelBuilder.Entity("Survey.Data.Invitation", b =>
        {
            b.HasOne("Survey.Data.FrameUnit", null).WithMany().HasForeignKey("FrameUnitId").OnDelete(DeleteBehavior.SetNull);
            b.HasOne("Survey.Data.PanelMember", null).WithMany().HasForeignKey("MemberId").OnDelete(DeleteBehavior.SetNull);
            b.HasOne("Survey.Data.Wave", null).WithMany().HasForeignKey("WaveId").OnDelete(DeleteBehavior.Cascade).IsRequired();
        });
    }
}
