using MassTransit;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Consumers.Dispatch;

/// <summary>
/// Puts a job's stored items on the render queue, then announces <see cref="BatchDispatched"/>
/// through the outbox. A redelivery dispatches again, which the queue makes harmless.
/// </summary>
public class DispatchBatchConsumer(PosterGenDbContext db, IRenderQueue queue) : IConsumer<DispatchBatch>
{
    public async Task Consume(ConsumeContext<DispatchBatch> context)
    {
        var job = context.Message;
        await queue.DispatchAsync(job, context.CancellationToken);
        db.AddToOutbox(new BatchDispatched(job.JobId, job.ItemCount, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
