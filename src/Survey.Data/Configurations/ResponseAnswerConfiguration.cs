using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Survey.Data.Configurations;

internal sealed class ResponseAnswerConfiguration : IEntityTypeConfiguration<ResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ResponseAnswer> builder)
    {
        builder.ToTable("ResponseAnswers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.QuestionId).HasMaxLength(100);
        builder.Property(a => a.Item).HasMaxLength(100);
        builder.Property(a => a.Code).HasMaxLength(100);
        builder.Property(a => a.Text).HasMaxLength(4000);
        builder.HasIndex(a => a.ResponseId);
    }
}
