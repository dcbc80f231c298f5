using Microsoft.AspNetCore.Http.HttpResults;

namespace PosterGen.Api.Apis;

/// <summary>The problem details the endpoints share, written as application/problem+json.</summary>
public static class Problems
{
    public static ProblemHttpResult TemplateNotFound(string reference) =>
        NotFound("Template not found.", $"Template '{reference}' does not exist.");

    public static ProblemHttpResult JobNotFound(Guid jobId) =>
        NotFound("Job not found.", $"Job '{jobId}' does not exist.");

    public static ProblemHttpResult WebhookDeliveryNotFound(Guid jobId, Guid deliveryId) =>
        NotFound("Webhook delivery not found.", $"Job '{jobId}' has no webhook delivery '{deliveryId}'.");

    /// <summary>Every poster of the template would fail the same way, so none is queued.</summary>
    public static ProblemHttpResult TemplateAssetsMissing(string key, IReadOnlyCollection<string> names) =>
        TypedResults.Problem(
            $"Template '{key}' uses {string.Join(", ", names.Select(n => $"asset '{n}'"))}, which it does not have: " +
            $"upload {(names.Count == 1 ? "it" : "them")} with PUT /api/templates/{key}/assets/{{name}}.",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "The template's assets are missing.");

    public static ProblemHttpResult JobEnded(Guid jobId, string status, string cannotBe) =>
        Conflict("The job has already ended.", $"Job '{jobId}' is {status}; it can no longer be {cannotBe}.");

    public static ProblemHttpResult JobRunning(Guid jobId) =>
        Conflict("The job is still running.", $"Job '{jobId}' has not ended yet; retry its failed items once it has.");

    public static ProblemHttpResult NothingFailed(Guid jobId) =>
        Conflict("Nothing failed.", $"Job '{jobId}' has no failed items to retry.");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);
}
