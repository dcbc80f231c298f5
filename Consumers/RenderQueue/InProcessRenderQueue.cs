using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// The embedded render queue: lowest priority number first, first come first served within a
/// priority. Work lives in memory, so it is lost if the process dies; the distributed mode uses
/// Kafka for that reason.
/// </summary>
public class InProcessRenderQueue : IRenderQueue
{
    private readonly PriorityQueue<RenderPoster, (int Priority, long Sequence)> queue = new();
    private readonly SemaphoreSlim available = new(0);
    private long sequence;

    public Task EnqueueAsync(IReadOnlyList<RenderPoster> posters, CancellationToken cancellationToken)
    {
        lock (queue)
        {
            foreach (var poster in posters)
                queue.Enqueue(poster, (poster.Options.Priority, sequence++));
        }
        available.Release(posters.Count);
        return Task.CompletedTask;
    }

    public async Task<RenderPoster> DequeueAsync(CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken);
        lock (queue)
            return queue.Dequeue();
    }

    public int Count
    {
        get { lock (queue) return queue.Count; }
    }
}
