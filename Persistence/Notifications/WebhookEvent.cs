using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Notifications;

/// <summary>
/// One webhook event of one job (<c>job.completed</c>, <c>job.failed</c>, <c>job.cancelled</c>) and
/// where its delivery stands: the sender's schedule. The payload is fixed when the event is recorded,
/// so every attempt sends the same body with the same <c>webhook-id</c> (this row's id); each attempt
/// is a <see cref="WebhookDelivery"/> row.
/// </summary>
public class WebhookEvent : IJobOwned
{
    /// <summary>Also the <c>webhook-id</c> header: receivers drop repeats by it.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public Guid JobId { get; set; }

    /// <summary><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
    public string EventType { get; set; } = null!;

    public string Url { get; set; } = null!;

    /// <summary>The JSON body sent on every attempt.</summary>
    public string Payload { get; set; } = null!;

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Attempts allowed before it is given up (<c>Webhooks:MaxAttempts</c>; a redeliver allows that many more).</summary>
    public int MaxAttempts { get; set; }

    /// <summary>When the next attempt is due; null once delivered or given up. While an attempt runs, the end of its lease.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
