using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// Handles one <see cref="RenderPoster"/> taken from the render queue: renders, stores, and records
/// the result row together with its outcome event (one transaction, through the outbox). Idempotent
/// per (JobId, ItemIndex). Render failures become a failed result row and <c>PosterFailed</c>; an
/// exception means the message was not handled (e.g. the database is down) and must be delivered again.
/// </summary>
public interface IRenderPosterHandler
{
    Task<PosterOutcome> HandleAsync(RenderPoster message, CancellationToken cancellationToken);

    /// <summary>
    /// Records an item as failed without rendering it (its message could not be read, or it keeps
    /// killing its renderer), unless it already has a result: the job still ends, with the reason on record.
    /// </summary>
    Task RecordFailedAsync(Guid jobId, int itemIndex, string reason, CancellationToken cancellationToken);
}

/// <summary>How a render message ended.</summary>
public enum PosterOutcome
{
    Rendered,
    Failed,

    /// <summary>Failed because the message names a template version that does not exist: the message itself is wrong.</summary>
    TemplateMissing,

    /// <summary>Not rendered: its job is no longer running (cancelled or past its deadline), and the job settles the item.</summary>
    Skipped,
}
