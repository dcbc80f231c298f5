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
    Task<PosterOutcome> HandleAsync(RenderPoster message, CancellationToken cancellationToken);

    /// <summary>
    /// Records an item whose render message could not even be read as failed, unless it already
    /// has a result, and publishes its outcome: the job still completes, with the reason on record.
    /// </summary>
    Task RecordUnreadableAsync(Guid jobId, int itemIndex, string reason, CancellationToken cancellationToken);
}

/// <summary>How a render message ended.</summary>
public enum PosterOutcome
{
    Rendered,
    Failed,

    /// <summary>Failed because the message names a template version that does not exist: the message itself is wrong.</summary>
    TemplateMissing,
}
