using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Puts render work on <c>Kafka:Topic</c> through the process's one idempotent producer and returns
/// when the broker has acknowledged every poster (acks=all). A job is read from <c>batch_items</c>
/// a page at a time, so a 100,000-item job never sits in memory whole, and dispatch stops at the
/// next page once the job is cancelled or failed.
/// </summary>
/// <remarks>
/// The key is <c>{jobId}:{itemIndex}</c>, not the job id: items of one job need no order (each is
/// its own result row and the saga counts them in any order), and hashing per item spreads a
/// 10,000-poster job over every partition, so every render replica works on it. A job-id key would
/// put the whole job on one partition and one replica. A null key is no better: librdkafka's sticky
/// partitioner sends a burst of keyless messages to one partition. The per-item key still names the
/// item in kcat and the dead-letter topic. Kafka has no priorities: each poster goes to the lane
/// topic for its priority (<see cref="KafkaOptions.TopicFor"/>), and render processes serve the
/// urgent lane first.
/// </remarks>
public sealed class KafkaRenderQueue(
    IProducer<byte[]?, byte[]?> producer,
    IDbContextFactory<PosterGenDbContext> contexts,
    IOptions<KafkaOptions> options,
    ILogger<KafkaRenderQueue> logger) : IRenderQueue
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
                await EnqueueAsync(items.Select(i => new RenderPoster(job.JobId, i.ItemIndex, i.EntityId, job.TemplateKey, job.TemplateVersion,
                    JsonSerializer.Deserialize<JsonElement>(i.Data), job.Options)).ToList(), cancellationToken);
        }
    }

    public async Task EnqueueAsync(IReadOnlyList<RenderPoster> posters, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deliveries = posters
            .Select(poster => producer.ProduceAsync(settings.TopicFor(poster.Options.Priority), RenderPosterSerializer.ToMessage(poster), cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        catch (KafkaException exception)
        {
            logger.LogError("{Failed} of {Count} posters were not acknowledged by {Topics}: {Code} {Reason}",
                deliveries.Count(d => d.IsFaulted), posters.Count, settings.RenderTopics, exception.Error.Code, exception.Error.Reason);
            throw;
        }
    }
}
