using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Notifications;

/// <summary>
/// Who to tell when a job ends, written with the job's items, so the targets survive any restart.
/// One row per job that asked for a webhook or an email; jobs that asked for neither have none.
/// </summary>
public class JobNotification : IJobOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public Guid JobId { get; set; }

    /// <summary>Where the job's final event is POSTed (Standard Webhooks), if anywhere.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Who gets the completion email, if anyone.</summary>
    public string? NotifyEmail { get; set; }

    /// <summary>The request's <c>metadata</c> as JSON, echoed in the webhook; null when none was sent.</summary>
    public string? Metadata { get; set; }

    /// <summary>Scheme, host and path base the client reached, e.g. <c>https://posters.example.com</c>: links are made from it.</summary>
    public string LinksBaseUrl { get; set; } = null!;

    public DateTime CreatedAt { get; set; }
}
