using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Persistence.EntityConfigurations;

public class JobNotificationEntityTypeConfiguration : IEntityTypeConfiguration<JobNotification>
{
    public void Configure(EntityTypeBuilder<JobNotification> builder)
    {
        builder.ToTable("job_notifications");
        builder.HasKey(n => n.JobId);
        builder.Property(n => n.WebhookUrl).HasMaxLength(2048);
        builder.Property(n => n.NotifyEmail).HasMaxLength(320);
        builder.Property(n => n.LinksBaseUrl).HasMaxLength(2048);
    }
}
