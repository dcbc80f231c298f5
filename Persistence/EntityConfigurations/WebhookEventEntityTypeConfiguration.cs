using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class WebhookEventEntityTypeConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        // One event per job and type, however often the job's final message reaches the consumer.
        builder.HasIndex(e => new { e.JobId, e.EventType }).IsUnique();
        // The sender's question: what is due now?
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.Property(e => e.EventType).HasMaxLength(32);
        builder.Property(e => e.Url).HasMaxLength(2048);
        builder.Property(e => e.Status).HasMaxLength(16).HasConversion(DeliveryStatusText.Converter);
    }
}
