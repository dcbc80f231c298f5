using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Notifications;

/// <summary>One attempt to deliver a <see cref="WebhookEvent"/>: what the receiver said, or why there was no answer.</summary>
public class WebhookDelivery : IJobOwned
{
    public Guid Id { get; set; }

    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    /// <summary>The event sent, whose id is the <c>webhook-id</c> of every attempt.</summary>
    public Guid EventId { get; set; }

    public Guid JobId { get; set; }

    /// <summary><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
    public string EventType { get; set; } = null!;

    /// <summary>1 for the event's first attempt, then 2, 3, ...</summary>
    public int Attempt { get; set; }

    public DateTime AttemptedAt { get; set; }

    /// <summary>The HTTP status answered; null when there was no answer (refused, timed out, not a public address).</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why the attempt failed; null when the receiver answered 2xx.</summary>
    public string? Error { get; set; }

    public long DurationMs { get; set; }

    /// <summary>When the event is tried again after this attempt; null when it was delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; set; }
}
