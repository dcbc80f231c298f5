using System.Text.Json;

namespace PosterGen.Contracts;

/// <summary>
/// Work for the render consumers: one poster of one job. Travels on the render queue
/// (in-process or Kafka), keyed by job id. Delivered at least once; rendering the same
/// (JobId, ItemIndex) twice yields one result row.
/// </summary>
/// <param name="JobId">The job the poster belongs to.</param>
/// <param name="ItemIndex">Zero-based position of the item in the submitted batch.</param>
/// <param name="EntityId">The client's own id for the item (<c>entity_id</c> or <c>id</c>), echoed in results.</param>
/// <param name="TemplateKey">Template key.</param>
/// <param name="TemplateVersion">Exact template version.</param>
/// <param name="Data">The item's placeholder values as a JSON object.</param>
/// <param name="Options">Format, scale and priority.</param>
/// <param name="TraceParent">
/// W3C <c>traceparent</c> of the dispatch that queued it, so the render joins the job's trace
/// whichever queue carried it; null when nothing was tracing.
/// </param>
/// <param name="Tenant">The job's tenant: template keys are unique per tenant, so it picks the template.</param>
public record RenderPoster(
    Guid JobId,
    int ItemIndex,
    string? EntityId,
    string TemplateKey,
    int TemplateVersion,
    JsonElement Data,
    RenderOptions Options,
    string? TraceParent = null,
    string Tenant = "default");
