using System.Text.Json;
using MassTransit;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Jobs;

/// <summary>
/// Accepts a job: stores its items in one transaction, then starts the saga. Items stay in the
/// database; the message names the job only, whatever its size.
/// </summary>
public class JobSubmitter(PosterGenDbContext db, IPublishEndpoint publisher)
{
    public async Task<Guid> SubmitAsync(
        ResolvedTemplate template, IReadOnlyList<JsonElement> items, RenderOptions options, string? client,
        CancellationToken cancellationToken)
    {
        var jobId = NewId.NextGuid();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.BatchItems.AddRange(items.Select((item, index) => new BatchItem
        {
            JobId = jobId,
            ItemIndex = index,
            EntityId = EntityIdOf(item),
            Data = item.GetRawText(),
        }));
        db.JobLogs.Add(new JobLog
        {
            JobId = jobId,
            Level = JobLogLevel.Info,
            Message = $"Processing {items.Count} posters from template '{template.Poster.Key}@{template.Poster.Version}'.",
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);

        await publisher.Publish(new BatchRequested(jobId, template.Poster.Key, template.Poster.Version, items.Count,
            options, client, DateTimeOffset.UtcNow), cancellationToken);
        return jobId;
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
