using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Entities;

namespace PosterGen.Persistence.EntityConfigurations;

public class BatchItemEntityTypeConfiguration : IEntityTypeConfiguration<BatchItem>
{
    public void Configure(EntityTypeBuilder<BatchItem> builder)
    {
        builder.ToTable("batch_items");
        builder.HasKey(i => new { i.JobId, i.ItemIndex });
        builder.Property(i => i.EntityId).HasMaxLength(200);
        builder.Property(i => i.State).HasMaxLength(16)
            .HasConversion(state => state.ToString().ToLowerInvariant(), text => Enum.Parse<BatchItemState>(text, true));
        // The render queue's order, over the claimable items only.
        builder.HasIndex(i => new { i.Priority, i.QueuedAt, i.ItemIndex })
            .HasDatabaseName("ix_batch_items_queue").HasFilter("state = 'queued'");
        // RateLimits:MaxPendingItems counts a tenant's items not done yet.
        builder.HasIndex(i => i.Tenant).HasDatabaseName("ix_batch_items_pending").HasFilter("state <> 'done'");
        builder.HasIndex(i => i.LeaseExpiresAt)
            .HasDatabaseName("ix_batch_items_leases").HasFilter("state = 'rendering'");
    }
}
