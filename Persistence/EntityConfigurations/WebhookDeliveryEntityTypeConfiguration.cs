using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        // One delivery per job event, however often the event reaches the consumer.
        builder.HasIndex(d => new { d.JobId, d.EventType }).IsUnique();
        // The sender's question: what is due now?
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.Property(d => d.EventType).HasMaxLength(32);
        builder.Property(d => d.Url).HasMaxLength(2048);
        builder.Property(d => d.Status).HasMaxLength(16).HasConversion(DeliveryStatusText.Converter);
        builder.Property(d => d.LastError).HasMaxLength(1000);
    }
}
