using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class CompletedCodeConfiguration : IEntityTypeConfiguration<CompletedCode>
{
    public void Configure(EntityTypeBuilder<CompletedCode> builder)
    {
        builder.ToTable("CompletedCodes");
        builder.HasKey(c => c.Hash);
        builder.Property(c => c.Hash).HasMaxLength(64).ValueGeneratedNever();
    }
}
