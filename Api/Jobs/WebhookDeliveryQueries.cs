using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosterGen.Api.Models;
using PosterGen.Consumers.Notifications;
using PosterGen.Persistence.Notifications;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Jobs;

/// <summary>A job's webhooks for clients: its events with every delivery attempt, and a redeliver.</summary>
public class WebhookDeliveryQueries(TenantDbContexts contexts, IOptions<WebhookOptions> options)
{
    public async Task<WebhookDeliveriesResponse> ListAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var events = await db.WebhookEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.CreatedAt)
            .Select(e => new WebhookEventResponse(e.Id, e.EventType, e.Url, StatusText(e.Status), e.Attempts, e.MaxAttempts, e.NextAttemptAt,
                e.CreatedAt, e.DeliveredAt))
            .ToListAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.JobId == jobId).OrderBy(d => d.AttemptedAt)
            .Select(d => new WebhookDeliveryResponse(d.Id, d.EventId, d.EventType, d.Attempt, d.AttemptedAt, d.StatusCode, d.Error,
                d.DurationMs, d.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return new WebhookDeliveriesResponse(jobId, events, deliveries);
    }

    /// <summary>
    /// Makes the delivery's event due now, with <c>Webhooks:MaxAttempts</c> more attempts, delivered
    /// or not: the same body and <c>webhook-id</c> as before. False when the job has no such delivery.
    /// </summary>
    public async Task<bool> RedeliverAsync(Guid jobId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var eventId = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.JobId == jobId).Select(d => (Guid?)d.EventId)
            .FirstOrDefaultAsync(cancellationToken);
        if (eventId is null) return false;
        var now = DateTime.UtcNow;
        var more = options.Value.MaxAttempts;
        await db.WebhookEvents.Where(e => e.Id == eventId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, DeliveryStatus.Pending)
                .SetProperty(e => e.NextAttemptAt, now)
                .SetProperty(e => e.MaxAttempts, e => e.Attempts + more), cancellationToken);
        return true;
    }

    private static string StatusText(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
