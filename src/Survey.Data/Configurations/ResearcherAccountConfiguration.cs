using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class ResearcherAccountConfiguration : IEntityTypeConfiguration<ResearcherAccount>
{
    public void Configure(EntityTypeBuilder<ResearcherAccount> builder)
    {
        builder.ToTable("Researchers");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        builder.Property(r => r.UserName).HasMaxLength(100);
        builder.Property(r => r.PasswordHash).HasMaxLength(500);
        // The defaults only fill the rows that existed before the ResearcherSessions migration; every insert sets both.
        builder.Property(r => r.SecurityStamp).HasMaxLength(64).HasDefaultValue(string.Empty);
        builder.Property(r => r.IsAdmin).HasDefaultValue(false);
        builder.HasIndex(r => r.UserName).IsUnique();
    }
}
