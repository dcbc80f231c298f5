using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// Handles one <see cref="RenderPoster"/> taken from the render queue: renders, stores, records the
/// result row and publishes the outcome. Idempotent per (JobId, ItemIndex). Render failures become a
/// failed result row and <c>PosterFailed</c>; an exception means the message was not handled
/// (e.g. the database is down) and must be delivered again.
/// </summary>
public interface IRenderPosterHandler
{
    Task HandleAsync(RenderPoster message, CancellationToken cancellationToken);
}
