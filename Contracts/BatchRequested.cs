namespace PosterGen.Contracts;

/// <summary>
/// A client submitted a job; its items are already stored in <c>batch_items</c>.
/// Starts the job's saga. Items never travel in this message: large batches would exceed broker limits.
/// </summary>
/// <param name="JobId">The job, also the saga's correlation id.</param>
/// <param name="TemplateKey">The template's key, e.g. <c>testimonial</c>.</param>
/// <param name="TemplateVersion">The exact template version resolved when the job was accepted.</param>
/// <param name="ItemCount">How many posters the job makes.</param>
/// <param name="Options">Format, scale and priority of every poster.</param>
/// <param name="Client">Who submitted it (free text from the request's metadata), if known.</param>
/// <param name="RequestedAt">When the API accepted the job.</param>
/// <param name="DeadlineSeconds">Seconds after <paramref name="RequestedAt"/> by which every item must have an outcome; the rest then fail.</param>
/// <param name="RetryOf">The job whose failed items this job renders again, if any.</param>
/// <param name="Tenant">The tenant that submitted it; its saga row, results and logs belong to that tenant.</param>
public record BatchRequested(
    Guid JobId,
    string TemplateKey,
    int TemplateVersion,
    int ItemCount,
    RenderOptions Options,
    string? Client,
    DateTimeOffset RequestedAt,
    int DeadlineSeconds,
    Guid? RetryOf = null,
    string Tenant = "default");
