using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Models;

/// <summary>Query of <c>GET /api/jobs</c>: filters and paging, snake_case as on the job route.</summary>
public class JobListQuery
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>One of the status words (<c>processing</c>, <c>completed</c>, ...).</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }

    /// <summary>A template key, or <c>key@N</c> for one version.</summary>
    [FromQuery(Name = "template")] public string? Template { get; init; }

    [FromQuery(Name = "created_after")] public DateTime? CreatedAfter { get; init; }
    [FromQuery(Name = "created_before")] public DateTime? CreatedBefore { get; init; }
    [FromQuery(Name = "page")] public int Page { get; init; } = 1;
    [FromQuery(Name = "page_size")] public int PageSize { get; init; } = DefaultPageSize;
}
