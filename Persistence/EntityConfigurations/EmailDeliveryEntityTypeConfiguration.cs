using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class EmailDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<EmailDelivery>
{
    public void Configure(EntityTypeBuilder<EmailDelivery> builder)
    {
        builder.ToTable("email_deliveries");
        // One email per job event, however often the event reaches the consumer.
        builder.HasIndex(e => new { e.JobId, e.EventType }).IsUnique();
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.Property(e => e.EventType).HasMaxLength(32);
        builder.Property(e => e.Recipient).HasMaxLength(320);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Status).HasMaxLength(16).HasConversion(DeliveryStatusText.Converter);
        builder.Property(e => e.LastError).HasMaxLength(1000);
    }
}
