using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosterGen.Api.Models;
using PosterGen.Consumers.Notifications;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Api.Jobs;

/// <summary>A job's webhook deliveries for clients: the list with every attempt, and a redeliver.</summary>
public class WebhookDeliveries(IDbContextFactory<PosterGenDbContext> contexts, IOptions<WebhookOptions> options)
{
    public async Task<IReadOnlyList<WebhookDeliveryResponse>> ListAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.JobId == jobId).OrderBy(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
        var attempts = (await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.JobId == jobId).OrderBy(a => a.Attempt)
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new WebhookDeliveryResponse(
            d.Id, d.EventType, d.Url, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.MaxAttempts, d.NextAttemptAt,
            d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt,
            attempts[d.Id].Select(a => new WebhookAttemptResponse(a.Attempt, a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs, a.NextAttemptAt))
                .ToList())).ToList();
    }

    /// <summary>
    /// Makes the delivery due now, with <c>Webhooks:MaxAttempts</c> more attempts, delivered or
    /// not: the same body and <c>webhook-id</c> as before. False when the job has no such delivery.
    /// </summary>
    public async Task<bool> RedeliverAsync(Guid jobId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var more = options.Value.MaxAttempts;
        return await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.JobId == jobId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.MaxAttempts, d => d.Attempts + more), cancellationToken) == 1;
    }
}
