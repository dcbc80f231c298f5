using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Contracts;

namespace PosterGen.Api.Apis;

public static class JobsApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Jobs");
        api.MapGet("/jobs", ListAsync).Validate<JobListQuery>();
        api.MapGet("/jobs/{id:guid}", GetAsync);
        api.MapGet("/templates/job/{id:guid}", GetAsync);
        api.MapPost("/jobs/{id:guid}/cancel", CancelAsync);
        return app;
    }

    /// <summary>Jobs newest first: <c>?status=completed&amp;template=offer&amp;created_after=...&amp;page=2&amp;page_size=50</c>.</summary>
    public static async Task<Ok<IReadOnlyList<JobSummaryResponse>>> ListAsync(
        [AsParameters] JobListQuery query, JobQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(query, cancellationToken));

    /// <summary>Status, counts, timestamps and one page of results (<c>?page=2&amp;page_size=500</c>).</summary>
    public static async Task<Results<Ok<JobStatusResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpRequest http, JobQueries queries, CancellationToken cancellationToken,
        int page = 1, [FromQuery(Name = "page_size")] int pageSize = DefaultPageSize)
    {
        var status = await queries.GetStatusAsync(id, Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize),
            PosterUrls.AbsoluteFor(http), cancellationToken);
        return status is null ? Problems.JobNotFound(id) : TypedResults.Ok(status);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(
        Guid id, JobQueries queries, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        if (!await queries.ExistsAsync(id, cancellationToken))
            return Problems.JobNotFound(id);
        await publisher.Publish(new CancelJob(id, "Cancelled by the client."), cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{id}");
    }
}
