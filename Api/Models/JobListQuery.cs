using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Models;

/// <summary>
/// Query of <c>GET /api/jobs</c>: filters and paging, snake_case as on the job route. A positional
/// record, so a parameter left out takes its default instead of being required.
/// </summary>
/// <param name="Status">One of the status words (<c>processing</c>, <c>completed</c>, ...).</param>
/// <param name="Template">A template key, or <c>key@N</c> for one version.</param>
public record JobListQuery(
    [FromQuery(Name = "status")] string? Status = null,
    [FromQuery(Name = "template")] string? Template = null,
    [FromQuery(Name = "created_after")] DateTime? CreatedAfter = null,
    [FromQuery(Name = "created_before")] DateTime? CreatedBefore = null,
    [FromQuery(Name = "page")] int Page = 1,
    [FromQuery(Name = "page_size")] int PageSize = JobListQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}
