using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Survey.Data.Configurations;

internal sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> builder)
    {
        builder.ToTable("PanelMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd().HasValueGenerator<GuidValueGenerator>();
        builder.Property(m => m.Email).HasMaxLength(320);
        builder.Property(m => m.Language).HasMaxLength(16);
        builder.Property(m => m.Nationality).HasMaxLength(100);
        builder.Property(m => m.District).HasMaxLength(100);
        builder.Property(m => m.AgeBand).HasMaxLength(100);
        builder.Property(m => m.Source).HasMaxLength(16);
        builder.Property(m => m.ConsentVersion).HasMaxLength(32);
        builder.Property(m => m.ManageTokenHash).HasMaxLength(64);
        builder.HasIndex(m => m.Email).IsUnique();
        builder.HasIndex(m => m.ManageTokenHash).IsUnique();
        builder.HasIndex(m => m.Status);
    }
}

internal sealed class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> builder)
    {
        builder.ToTable("Waves");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.SurveyId).HasMaxLength(100);
        builder.Property(w => w.StratifyBy).HasMaxLength(32);
        builder.Property(w => w.ReminderDays).HasMaxLength(100);
        builder.Property(w => w.CreatedBy).HasMaxLength(100);
        builder.HasIndex(w => w.SurveyId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Stratum).HasMaxLength(100);
        builder.Property(i => i.Language).HasMaxLength(16);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.BounceReason).HasMaxLength(1000);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.WaveId, i.Status });
        builder.HasIndex(i => i.MemberId);
        builder.HasOne<Wave>().WithMany().HasForeignKey(i => i.WaveId).OnDelete(DeleteBehavior.Cascade);
        // Leaving the panel deletes the member; the invitation stays (wave statistics) without the link to them.
        builder.HasOne<PanelMember>().WithMany().HasForeignKey(i => i.MemberId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<FrameUnit>().WithMany().HasForeignKey(i => i.FrameUnitId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(200);
        builder.Property(m => m.Template).HasMaxLength(64);
        builder.Property(m => m.Language).HasMaxLength(16);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.HasIndex(m => new { m.State, m.NotBefore });
        builder.HasIndex(m => m.MemberId);
        builder.HasIndex(m => m.InvitationId);
    }
}

internal sealed class SampleFrameConfiguration : IEntityTypeConfiguration<SampleFrame>
{
    public void Configure(EntityTypeBuilder<SampleFrame> builder)
    {
        builder.ToTable("SampleFrames");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Source).HasMaxLength(260);
    }
}

internal sealed class FrameUnitConfiguration : IEntityTypeConfiguration<FrameUnit>
{
    public void Configure(EntityTypeBuilder<FrameUnit> builder)
    {
        builder.ToTable("FrameUnits");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.AddressLine).HasMaxLength(500);
        builder.Property(u => u.District).HasMaxLength(100);
        builder.Property(u => u.AgeBand).HasMaxLength(100);
        builder.HasIndex(u => u.FrameId);
        builder.HasOne<SampleFrame>().WithMany().HasForeignKey(u => u.FrameId).OnDelete(DeleteBehavior.Cascade);
    }
}
