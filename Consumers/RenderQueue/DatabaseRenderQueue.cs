using Microsoft.EntityFrameworkCore;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// The embedded render queue is <c>batch_items</c> itself: dispatching a job is one update that makes
/// its waiting items claimable, whatever their number, so nothing of the job is held in memory and
/// a restart finds the queue where it was.
/// </summary>
public sealed class DatabaseRenderQueue(IDbContextFactory<PosterGenDbContext> contexts, RenderQueueSignal signal) : IRenderQueue
{
    public async Task DispatchAsync(DispatchBatch job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        await db.BatchItems
            .Where(i => i.JobId == job.JobId && i.State == BatchItemState.Waiting)
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.State, BatchItemState.Queued)
                .SetProperty(i => i.Priority, job.Options.Priority)
                .SetProperty(i => i.QueuedAt, now), cancellationToken);
        signal.Notify();
    }
}
