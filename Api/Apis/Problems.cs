using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Apis;

/// <summary>The problem details the endpoints share.</summary>
public static class Problems
{
    public static ProblemDetails TemplateNotFound(string reference) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Template not found.",
        Detail = $"Template '{reference}' does not exist.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    };

    public static ProblemDetails JobNotFound(Guid jobId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Job not found.",
        Detail = $"Job '{jobId}' does not exist.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
    };
}
