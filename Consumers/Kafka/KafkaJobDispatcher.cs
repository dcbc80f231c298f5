using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Dispatches a job to Kafka: its items are read from <c>batch_items</c> a page at a time, so a
/// 100,000-item job never sits in memory whole, and produced through <see cref="KafkaRenderQueue"/>.
/// Items that already have a result are skipped, and dispatch stops at the next page once the job
/// is cancelled or failed.
/// </summary>
public sealed class KafkaJobDispatcher(IDbContextFactory<PosterGenDbContext> contexts, KafkaRenderQueue queue) : IRenderQueue
{
    private const int PageSize = 1000;

    public async Task DispatchAsync(DispatchBatch job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var from = 0; from < job.ItemCount; from += PageSize)
        {
            var state = await db.BatchJobs.AsNoTracking().Where(j => j.CorrelationId == job.JobId).Select(j => j.CurrentState)
                .FirstOrDefaultAsync(cancellationToken);
            if (state is not (nameof(BatchJobStateMachine.Dispatching) or nameof(BatchJobStateMachine.Rendering)))
                return;

            var items = await db.BatchItems.AsNoTracking()
                .Where(i => i.JobId == job.JobId && i.ItemIndex >= from && i.ItemIndex < from + PageSize && i.State != BatchItemState.Done)
                .OrderBy(i => i.ItemIndex)
                .ToListAsync(cancellationToken);
            if (items.Count > 0)
                await queue.EnqueueAsync(items.Select(i => new RenderPoster(job.JobId, i.ItemIndex, i.EntityId, job.TemplateKey, job.TemplateVersion,
                    JsonSerializer.Deserialize<JsonElement>(i.Data), job.Options, Activity.Current?.Id, i.Tenant)).ToList(), cancellationToken);
        }
    }
}
