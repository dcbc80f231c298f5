using MassTransit;
using PosterGen.Contracts;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// Folds per-poster outcomes into one <see cref="OutcomesCollected"/> per job and batch. The
/// originals are acknowledged only after the folded message is published, so a crash here means
/// redelivery and, at worst, outcomes the saga has already counted and ignores.
/// </summary>
public class PosterOutcomesConsumer : IConsumer<Batch<PosterRendered>>, IConsumer<Batch<PosterFailed>>
{
    public Task Consume(ConsumeContext<Batch<PosterRendered>> context) =>
        PublishPerJobAsync(context, context.Message.Select(m => (m.Message.JobId, m.Message.ItemIndex)),
            (jobId, items) => new OutcomesCollected(jobId, items, []));

    public Task Consume(ConsumeContext<Batch<PosterFailed>> context) =>
        PublishPerJobAsync(context, context.Message.Select(m => (m.Message.JobId, m.Message.ItemIndex)),
            (jobId, items) => new OutcomesCollected(jobId, [], items));

    private static Task PublishPerJobAsync(IPublishEndpoint publisher, IEnumerable<(Guid JobId, int ItemIndex)> outcomes,
        Func<Guid, int[], OutcomesCollected> collect) =>
        Task.WhenAll(outcomes
            .GroupBy(o => o.JobId, o => o.ItemIndex)
            .Select(job => publisher.Publish(collect(job.Key, job.ToArray()))));
}
