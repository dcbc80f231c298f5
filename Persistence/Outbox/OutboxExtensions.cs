using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// Publishes <paramref name="message"/> with the context's next save: it is written as an outbox
    /// row in the same transaction as the rest of the changes and sent once they are committed.
    /// </summary>
    public static OutboxMessage AddToOutbox<T>(this PosterGenDbContext db, T message, Guid? messageId = null) where T : class
    {
        var row = new OutboxMessage
        {
            MessageId = messageId ?? NewId.NextGuid(),
            MessageType = message.GetType().FullName!,
            Body = JsonSerializer.Serialize(message, message.GetType()),
            CreatedAt = DateTime.UtcNow,
            TraceParent = Activity.Current?.Id,
        };
        db.OutboxMessages.Add(row);
        return row;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> handles <paramref name="messageId"/> in the current
    /// transaction; false when it already did (a redelivery), and then nothing must be done again.
    /// Concurrent deliveries of one message queue up on the key: the second sees the first's row.
    /// </summary>
    public static async Task<bool> TryRecordConsumedAsync(this PosterGenDbContext db, Guid messageId, string consumer,
        CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, consumed_at) VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }
}
