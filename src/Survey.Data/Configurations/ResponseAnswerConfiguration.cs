using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Survey.Data.Configurations;

internal sealed class ResponseAnswerConfiguration : IEntityTypeConfiguration<ResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ResponseAnswer> builder)
    {
        builder.ToTable("ResponseAnswers");
        // Keyed by the response's random id, then a random number (the table is WITHOUT ROWID, migration
        // 20261207300000_UnorderedResponses): rows sit in the order of random keys, never in the order answers were sent.
        builder.HasKey(a => new { a.ResponseId, a.Id });
        builder.Property(a => a.Id).ValueGeneratedOnAdd().HasValueGenerator<RandomIdGenerator>();
        builder.Property(a => a.QuestionId).HasMaxLength(100);
        builder.Property(a => a.Item).HasMaxLength(100);
        builder.Property(a => a.Code).HasMaxLength(100);
        builder.Property(a => a.Text).HasMaxLength(4000);
    }
}

/// <summary>A cryptographically random positive 63-bit number: an id that says nothing about when it was made.</summary>
internal sealed class RandomIdGenerator : ValueGenerator<long>
{
    public override bool GeneratesTemporaryValues => false;

    public override long Next(EntityEntry entry) => ResponseAnswer.NewId();
}
