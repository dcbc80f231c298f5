namespace PosterGen.Consumers.RenderQueue;

/// <summary>Wakes this process's idle renderers when it has just queued work, instead of at their next poll.</summary>
public sealed class RenderQueueSignal
{
    private TaskCompletionSource queued = NewSource();

    public void Notify() => Interlocked.Exchange(ref queued, NewSource()).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try { await Volatile.Read(ref queued).Task.WaitAsync(timeout, cancellationToken); }
        catch (TimeoutException) { }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
