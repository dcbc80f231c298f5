namespace PosterGen.Contracts;

/// <summary>
/// Command from the saga to the dispatcher: read the job's stored items and queue one
/// <see cref="RenderPoster"/> per item. Sent only after the saga row exists, so no outcome can
/// reach the saga before it.
/// </summary>
public record DispatchBatch(
    Guid JobId,
    string TemplateKey,
    int TemplateVersion,
    int ItemCount,
    RenderOptions Options);
