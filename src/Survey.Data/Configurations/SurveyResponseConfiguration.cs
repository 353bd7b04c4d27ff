using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Survey.Data.Configurations;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("Responses");
        builder.HasKey(r => r.Id);
        // Random v4 GUIDs made in the app on every provider: providers' own defaults can be sequential or
        // time-ordered (SQL Server, Npgsql's UUIDv7), which would let ids be matched to completion times.
        builder.Property(r => r.Id).ValueGeneratedOnAdd().HasValueGenerator<GuidValueGenerator>();
        builder.Property(r => r.SurveyId).HasMaxLength(100);
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.HasMany(r => r.Answers)
            .WithOne()
            .HasForeignKey(a => a.ResponseId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SurveyId, r.SurveyVersion });
    }
}
