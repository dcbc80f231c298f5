using Microsoft.AspNetCore.Http.HttpResults;

namespace PosterGen.Api.Apis;

/// <summary>The problem details the endpoints share, written as application/problem+json.</summary>
public static class Problems
{
    public static ProblemHttpResult TemplateNotFound(string reference) =>
        NotFound("Template not found.", $"Template '{reference}' does not exist.");

    public static ProblemHttpResult JobNotFound(Guid jobId) =>
        NotFound("Job not found.", $"Job '{jobId}' does not exist.");

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);
}
