using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;
using PosterGen.Persistence;

namespace PosterGen.Consumers.Dispatch;

/// <summary>
/// Turns a job's stored items into render work, a page at a time so a 100,000-item job never sits
/// in memory whole. Redelivery queues the job's items again; items that already have a result are
/// skipped, and the render handler ignores any other duplicate.
/// </summary>
public class DispatchBatchConsumer(PosterGenDbContext db, IRenderQueue queue) : IConsumer<DispatchBatch>
{
    private const int PageSize = 1000;

    public async Task Consume(ConsumeContext<DispatchBatch> context)
    {
        var job = context.Message;
        var cancellationToken = context.CancellationToken;
        var done = (await db.PosterResults.AsNoTracking()
            .Where(r => r.JobId == job.JobId)
            .Select(r => r.ItemIndex)
            .ToListAsync(cancellationToken)).ToHashSet();

        for (var from = 0; from < job.ItemCount; from += PageSize)
        {
            var items = await db.BatchItems.AsNoTracking()
                .Where(i => i.JobId == job.JobId && i.ItemIndex >= from && i.ItemIndex < from + PageSize)
                .OrderBy(i => i.ItemIndex)
                .ToListAsync(cancellationToken);

            var work = items
                .Where(i => !done.Contains(i.ItemIndex))
                .Select(i => new RenderPoster(job.JobId, i.ItemIndex, i.EntityId, job.TemplateKey, job.TemplateVersion,
                    JsonSerializer.Deserialize<JsonElement>(i.Data), job.Options, Activity.Current?.Id))
                .ToList();
            if (work.Count > 0)
                await queue.EnqueueAsync(work, cancellationToken);
        }

        await context.Publish(new BatchDispatched(job.JobId, job.ItemCount, DateTimeOffset.UtcNow), cancellationToken);
    }
}
