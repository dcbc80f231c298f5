using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Puts render work on <c>Kafka:Topic</c> through the process's one idempotent producer and returns
/// when the broker has acknowledged every poster (acks=all).
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
    IOptions<KafkaOptions> options,
    ILogger<KafkaRenderQueue> logger)
{
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
