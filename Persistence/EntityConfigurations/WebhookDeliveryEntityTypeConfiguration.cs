using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasIndex(d => new { d.JobId, d.AttemptedAt });
        builder.HasIndex(d => new { d.EventId, d.Attempt });
        builder.Property(d => d.EventType).HasMaxLength(32);
        builder.Property(d => d.Error).HasMaxLength(1000);
    }
}
