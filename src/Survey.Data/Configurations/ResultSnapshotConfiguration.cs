using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class ResultSnapshotConfiguration : IEntityTypeConfiguration<ResultSnapshot>
{
    public void Configure(EntityTypeBuilder<ResultSnapshot> builder)
    {
        builder.ToTable("ResultSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.SurveyId).HasMaxLength(100);
        builder.Property(s => s.GroupVariable).HasMaxLength(100);
        builder.Property(s => s.ReportJson);
        builder.Property(s => s.CellsJson);
        builder.Property(s => s.TestsJson);
        builder.Property(s => s.WeightsJson).HasDefaultValue("[]");
        builder.HasOne<ResultRun>()
            .WithMany()
            .HasForeignKey(s => s.RunId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SurveyId);
        builder.HasIndex(s => s.RunId);
    }
}
