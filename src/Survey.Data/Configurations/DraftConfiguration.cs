using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("Drafts");
        builder.HasKey(d => d.Token);
        builder.Property(d => d.Token).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(d => d.SurveyId).HasMaxLength(100);
        builder.Property(d => d.Language).HasMaxLength(16);
        builder.Property(d => d.AnswersJson);
        builder.Property(d => d.ReachedPages);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => d.UpdatedOn);
        builder.HasIndex(d => d.InvitationId);
    }
}
