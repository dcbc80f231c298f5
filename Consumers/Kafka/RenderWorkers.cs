using System.Diagnostics;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// The process's <c>RenderQueue:WorkerCount</c> workers, shared by the urgent lane's consumer and
/// the other lanes' consumer. A worker that frees up goes to the urgent lane whenever messages wait
/// there, so an urgent poster starts next even behind a backlog the other consumer has prefetched.
/// </summary>
internal sealed class RenderWorkers(IOptions<RenderQueueOptions> options)
{
    // A free worker held back for the urgent lane keeps the semaphore's handle set; the other lane
    // re-checks at this pace instead of spinning on it.
    private static readonly TimeSpan HeldBackRecheck = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim free = new(options.Value.WorkerCount);
    private int urgentWaiting;

    public int Count { get; } = options.Value.WorkerCount;

    public bool TryTake(bool urgent) => MayTake(urgent) && free.Wait(0);

    public void Release() => free.Release();

    /// <summary>The urgent lane's consumer reports how many of its messages wait for a worker.</summary>
    public void UrgentWaiting(int count) => Volatile.Write(ref urgentWaiting, count);

    /// <summary>Blocks until a worker could be taken by this lane, up to <paramref name="timeout"/>; false when none.</summary>
    public bool WaitForWorker(bool urgent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!MayTake(urgent) || free.CurrentCount == 0)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                return false;
            if (free.CurrentCount > 0)
                cancellationToken.WaitHandle.WaitOne(left < HeldBackRecheck ? left : HeldBackRecheck);
            else
                WaitHandle.WaitAny([free.AvailableWaitHandle, cancellationToken.WaitHandle], left);
        }
        return true;
    }

    private bool MayTake(bool urgent) => urgent || Volatile.Read(ref urgentWaiting) == 0;
}
