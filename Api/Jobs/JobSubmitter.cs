using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Jobs;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Notifications;
using PosterGen.Persistence.Outbox;
using PosterGen.Persistence.Tenancy;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Jobs;

/// <summary>
/// Accepts a job: its items and the <see cref="BatchRequested"/> that starts its saga are written in
/// one transaction (the message as an outbox row), with whom to notify when it ends, so the answer
/// never waits for the broker and a crash can lose neither half. Items stay in the database; the message names the job only.
/// </summary>
public class JobSubmitter(PosterGenDbContext db, CurrentTenant tenant, IOptions<JobOptions> jobOptions)
{
    public async Task<Guid> SubmitAsync(
        ResolvedTemplate template, IReadOnlyList<JsonElement> items, RenderOptions options, int? deadlineSeconds, string? client,
        JobNotificationTargets? notify, CancellationToken cancellationToken)
    {
        var jobId = NewId.NextGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InsertBatchItemsAsync(jobId, items.Select(item => (EntityIdOf(item), item.GetRawText())), cancellationToken);
        db.AddToOutbox(new BatchRequested(jobId, template.Poster.Key, template.Poster.Version, items.Count, options, client,
            DateTimeOffset.UtcNow, deadlineSeconds ?? jobOptions.Value.DefaultDeadlineSeconds, Tenant: tenant.Required));
        db.JobLogs.Add(new JobLog
        {
            JobId = jobId,
            Level = JobLogLevel.Info,
            Message = $"Processing {items.Count} posters from template '{template.Poster.Key}@{template.Poster.Version}'.",
            CreatedAt = DateTime.UtcNow,
        });
        if (notify is not null)
            db.JobNotifications.Add(new JobNotification
            {
                JobId = jobId,
                WebhookUrl = notify.WebhookUrl,
                NotifyEmail = notify.NotifyEmail,
                Metadata = notify.HasMetadata ? notify.Metadata!.Value.GetRawText() : null,
                LinksBaseUrl = notify.LinksBaseUrl,
                CreatedAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return jobId;
    }

    /// <summary>
    /// A new job of <paramref name="original"/>'s failed items, in their order, with the same
    /// template version, options, entity ids and data; null when none failed.
    /// </summary>
    public async Task<(Guid JobId, int ItemCount)?> RetryFailedAsync(BatchJobState original, CancellationToken cancellationToken)
    {
        var jobId = NewId.NextGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var copied = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO batch_items (tenant, job_id, item_index, entity_id, data, state, priority, claims)
            SELECT i.tenant, {jobId}, ROW_NUMBER() OVER (ORDER BY i.item_index) - 1, i.entity_id, i.data, 'waiting', 0, 0
            FROM batch_items AS i
            JOIN poster_results AS r ON r.job_id = i.job_id AND r.item_index = i.item_index
            WHERE i.job_id = {original.CorrelationId} AND r.status = 'failed'
            """, cancellationToken);
        if (copied == 0) return null;
        // The retry tells whoever the original job told.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO job_notifications (tenant, job_id, webhook_url, notify_email, metadata, links_base_url, created_at)
            SELECT tenant, {jobId}, webhook_url, notify_email, metadata, links_base_url, {DateTime.UtcNow}
            FROM job_notifications WHERE job_id = {original.CorrelationId}
            """, cancellationToken);

        var options = new RenderOptions(original.Format, original.Quality, original.DeviceScaleFactor, original.Priority);
        var deadline = (int)Math.Ceiling((original.DeadlineAt - original.CreatedAt).TotalSeconds);
        db.AddToOutbox(new BatchRequested(jobId, original.TemplateKey, original.TemplateVersion, copied, options, original.Client,
            DateTimeOffset.UtcNow, deadline, RetryOf: original.CorrelationId, Tenant: original.Tenant));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (jobId, copied);
    }

    /// <summary>The client's own id for an item: <c>entity_id</c>, else <c>id</c>.</summary>
    public static string? EntityIdOf(JsonElement item)
    {
        foreach (var name in (ReadOnlySpan<string>)["entity_id", "id"])
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value))
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                };
        }
        return null;
    }
}
