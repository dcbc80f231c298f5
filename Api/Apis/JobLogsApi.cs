using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;

namespace PosterGen.Api.Apis;

public static class JobLogsApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapJobLogsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Jobs").MapGet("/jobs/{id:guid}/logs", GetAsync);
        return app;
    }

    /// <summary>The job's log lines, oldest first, a page at a time (<c>?page=2&amp;page_size=50</c>).</summary>
    public static async Task<Results<Ok<JobLogsResponse>, ProblemHttpResult>> GetAsync(
        Guid id, JobQueries jobs, JobLogQueries logs, CancellationToken cancellationToken,
        int page = 1, [FromQuery(Name = "page_size")] int pageSize = DefaultPageSize)
    {
        if (!await jobs.ExistsAsync(id, cancellationToken))
            return Problems.JobNotFound(id);

        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));
        var (total, rows) = await logs.PageAsync(id, page, pageSize, cancellationToken);
        return TypedResults.Ok(new JobLogsResponse(id, page, pageSize, total,
            rows.Select(l => new JobLogResponse(l.Id, l.Level, l.Message, l.CreatedAt)).ToList()));
    }
}
