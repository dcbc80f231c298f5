using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Persistence.EntityConfigurations;

public class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.SequenceNumber);
        builder.Property(m => m.SequenceNumber).ValueGeneratedOnAdd();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.MessageType).HasMaxLength(256);
        builder.Property(m => m.TraceParent).HasMaxLength(128);
        // The delivery service's only question: what is still waiting, oldest first.
        builder.HasIndex(m => m.SequenceNumber).HasDatabaseName("ix_outbox_messages_waiting").HasFilter("sent_at IS NULL");
        builder.HasIndex(m => m.SentAt);
    }
}
