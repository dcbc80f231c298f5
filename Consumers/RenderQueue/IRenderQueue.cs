using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>Where the dispatcher puts a job's render work: the database itself, or Kafka topics.</summary>
public interface IRenderQueue
{
    /// <summary>
    /// Queues every stored item of the job that has no result yet; returns once the queue holds
    /// them all (Kafka: acknowledged). Safe to repeat: what is already queued or done stays as it is.
    /// </summary>
    Task DispatchAsync(DispatchBatch job, CancellationToken cancellationToken);
}
