namespace PosterGen.Persistence.Notifications;

/// <summary>Where a webhook or email delivery stands, stored as lower-case text.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt at <c>next_attempt_at</c>.</summary>
    Pending,

    /// <summary>Accepted by the receiver (a 2xx answer, or the SMTP server took the message).</summary>
    Delivered,

    /// <summary>Every allowed attempt failed; a redeliver starts it again.</summary>
    Failed,
}
