namespace PosterGen.Persistence.Outbox;

/// <summary>
/// A message published by a transaction that also changed other rows, stored in that same
/// transaction and sent to the bus afterwards by <see cref="OutboxDeliveryService"/>: it leaves if
/// and only if the change it announces was committed.
/// </summary>
public class OutboxMessage
{
    /// <summary>Order of writing; messages are sent in this order.</summary>
    public long SequenceNumber { get; set; }

    /// <summary>The bus message id, the same on every delivery attempt, so consumers can drop repeats.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The message's .NET type, e.g. <c>PosterGen.Contracts.JobCompleted</c>.</summary>
    public string MessageType { get; set; } = null!;

    /// <summary>The message as JSON.</summary>
    public string Body { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    /// <summary>The W3C trace the writing transaction ran in, so the message continues it when it is sent.</summary>
    public string? TraceParent { get; set; }

    /// <summary>When the bus accepted it; null while it waits.</summary>
    public DateTime? SentAt { get; set; }
}
