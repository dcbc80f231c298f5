using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class WebhookDeliveryAttemptEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.HasIndex(a => new { a.DeliveryId, a.Attempt });
        builder.HasIndex(a => a.JobId);
        builder.Property(a => a.Error).HasMaxLength(1000);
    }
}
