using System.Threading.Channels;

namespace PosterGen.Api.Streaming;

/// <summary>One SSE stream's wake-up signal; signals that arrive while it is busy merge into one.</summary>
public sealed class JobSubscription(Guid jobId, JobEventHub hub) : IDisposable
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public Guid JobId { get; } = jobId;

    public void Signal() => signals.Writer.TryWrite(true);

    /// <summary>True when signalled, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await signals.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => hub.Unsubscribe(this);
}
