using System.Collections.Concurrent;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;

namespace PosterGen.Tests.Kafka;

/// <summary>
/// Stands in for the render handler (the broker is the real thing under test): records every
/// attempt and every handled item, and runs the test's <see cref="Behaviour"/> first.
/// </summary>
public sealed class RecordingRenderPosterHandler : IRenderPosterHandler
{
    private readonly ConcurrentDictionary<int, int> attempts = new();
    private readonly ConcurrentQueue<int> handled = new();

    /// <summary>Runs before an item counts as handled; throw to fail it.</summary>
    public Func<RenderPoster, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyCollection<int> Handled => handled;

    public int Attempts(int itemIndex) => attempts.GetValueOrDefault(itemIndex);

    public async Task<PosterOutcome> HandleAsync(RenderPoster message, CancellationToken cancellationToken)
    {
        attempts.AddOrUpdate(message.ItemIndex, 1, (_, count) => count + 1);
        await Behaviour(message, cancellationToken);
        handled.Enqueue(message.ItemIndex);
        return PosterOutcome.Rendered;
    }

    /// <summary>Items recorded as unreadable, with the reason.</summary>
    public ConcurrentQueue<(Guid JobId, int ItemIndex, string Reason)> Unreadable { get; } = new();

    public Task RecordFailedAsync(Guid jobId, int itemIndex, string reason, CancellationToken cancellationToken)
    {
        Unreadable.Enqueue((jobId, itemIndex, reason));
        return Task.CompletedTask;
    }
}
