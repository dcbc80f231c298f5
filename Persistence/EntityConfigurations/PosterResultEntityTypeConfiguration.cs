using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class PosterResultEntityTypeConfiguration : IEntityTypeConfiguration<PosterResult>
{
    public void Configure(EntityTypeBuilder<PosterResult> builder)
    {
        builder.ToTable("poster_results");
        // The guard that makes a result an exactly-once effect: one row per item, however often it is delivered.
        builder.HasIndex(r => new { r.JobId, r.ItemIndex }).IsUnique();
        // SSE streams read a job's rows in insertion order.
        builder.HasIndex(r => new { r.JobId, r.Id });
        // Retention keeps a poster while any other job's result still points at it.
        builder.HasIndex(r => r.StorageKey);
        builder.Property(r => r.Status).HasMaxLength(16)
            .HasConversion(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<PosterStatus>(text, true));
        builder.Property(r => r.EntityId).HasMaxLength(200);
        builder.Property(r => r.StorageKey).HasMaxLength(512);
    }
}
