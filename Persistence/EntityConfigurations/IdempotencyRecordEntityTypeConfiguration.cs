using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Idempotency;

namespace PosterGen.Persistence.EntityConfigurations;

public class IdempotencyRecordEntityTypeConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecords.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.ContentType).HasMaxLength(128);
        builder.Property(r => r.Location).HasMaxLength(512);
        // What makes a key work once: the second of two concurrent inserts fails.
        builder.HasIndex(r => new { r.Tenant, r.Key }).IsUnique();
        // Expired keys are deleted by age.
        builder.HasIndex(r => r.CreatedAt);
    }
}
