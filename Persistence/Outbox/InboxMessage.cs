namespace PosterGen.Persistence.Outbox;

/// <summary>
/// A message a consumer has handled, recorded in the transaction of its effects, so a redelivery
/// of the same message id is recognised and skipped. Kept for <see cref="OutboxOptions.InboxWindowHours"/>.
/// </summary>
public class InboxMessage
{
    public Guid MessageId { get; set; }

    /// <summary>Who handled it, e.g. <c>batch-job-state</c>: one message may be for several consumers.</summary>
    public string Consumer { get; set; } = null!;

    public DateTime ConsumedAt { get; set; }
}
