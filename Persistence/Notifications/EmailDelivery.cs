using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Notifications;

/// <summary>
/// The completion email of one job, composed when the job's final event is recorded and sent by the
/// email sender. Its id makes the <c>Message-Id</c>, the same on every attempt.
/// </summary>
public class EmailDelivery : IJobOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public Guid Id { get; set; }
    public Guid JobId { get; set; }

    /// <summary>The job event it reports: <c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
    public string EventType { get; set; } = null!;

    public string Recipient { get; set; } = null!;
    public string Subject { get; set; } = null!;

    /// <summary>The plain-text body.</summary>
    public string Body { get; set; } = null!;

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; null once sent or given up.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
