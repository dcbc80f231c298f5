namespace PosterGen.Persistence.Notifications;

/// <summary>One attempt to deliver a <see cref="WebhookDelivery"/>: what the receiver said, or why there was no answer.</summary>
public class WebhookDeliveryAttempt
{
    public long Id { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid JobId { get; set; }

    /// <summary>1 for the first attempt of the delivery, then 2, 3, ...</summary>
    public int Attempt { get; set; }

    public DateTime AttemptedAt { get; set; }

    /// <summary>The HTTP status answered; null when there was no answer (refused, timed out, not a public address).</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }
    public long DurationMs { get; set; }

    /// <summary>When the delivery is tried again after this attempt; null when it was delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; set; }
}
