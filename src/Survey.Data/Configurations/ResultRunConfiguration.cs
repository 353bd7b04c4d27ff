using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class ResultRunConfiguration : IEntityTypeConfiguration<ResultRun>
{
    public void Configure(EntityTypeBuilder<ResultRun> builder)
    {
        builder.ToTable("ResultRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.SurveyId).HasMaxLength(100);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.ErrorKey).HasMaxLength(64);
        builder.HasIndex(r => r.SurveyId);
    }
}
