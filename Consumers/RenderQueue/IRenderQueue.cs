using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>Where the dispatcher puts render work: an in-process channel or a Kafka topic.</summary>
public interface IRenderQueue
{
    /// <summary>Queues the posters; returns once the queue has accepted all of them (Kafka: acknowledged).</summary>
    Task EnqueueAsync(IReadOnlyList<RenderPoster> posters, CancellationToken cancellationToken);
}
