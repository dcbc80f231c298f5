using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Api.Apis;

public static class JobsApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Jobs").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/jobs", ListAsync).Validate<JobListQuery>();
        api.MapGet("/jobs/{id:guid}", GetAsync);
        api.MapGet("/templates/job/{id:guid}", GetAsync);
        api.MapPost("/jobs/{id:guid}/cancel", CancelAsync);
        api.MapPost("/jobs/{id:guid}/retry-failed", RetryFailedAsync);
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

    /// <summary>
    /// Stops the job: dispatch stops, renderers skip its items, and every item without a result is
    /// recorded as cancelled. The command leaves through the outbox, so the answer never waits for
    /// the broker. 409 once the job has ended.
    /// </summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(
        Guid id, JobQueries queries, PosterGenDbContext db, CancellationToken cancellationToken)
    {
        var job = await queries.FindJobAsync(id, cancellationToken);
        if (job is null && !await queries.ExistsAsync(id, cancellationToken))
            return Problems.JobNotFound(id);
        if (job is not null && JobStatus.IsFinal(JobStatus.From(job)))
            return Problems.JobEnded(id, JobStatus.From(job), "cancelled");

        db.AddToOutbox(new CancelJob(id, "Cancelled by the client."));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{id}");
    }

    /// <summary>
    /// A new job of the ended job's failed items (same template version, options and entity ids),
    /// linked both ways (<c>retry_of</c>, <c>retried_by</c>). 409 while the job runs or when nothing failed.
    /// </summary>
    public static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult>> RetryFailedAsync(
        Guid id, JobQueries queries, JobSubmitter jobs, PendingItemsLimit pending, CancellationToken cancellationToken)
    {
        var job = await queries.FindJobAsync(id, cancellationToken);
        if (job is null)
            return await queries.ExistsAsync(id, cancellationToken) ? Problems.JobRunning(id) : Problems.JobNotFound(id);
        if (!JobStatus.IsFinal(JobStatus.From(job)))
            return Problems.JobRunning(id);
        if (await pending.RefuseAsync(job.FailedCount, cancellationToken) is { } refused)
            return refused;

        if (await jobs.RetryFailedAsync(job, cancellationToken) is not var (retryId, itemCount))
            return Problems.NothingFailed(id);
        var status = $"/api/jobs/{retryId}";
        return TypedResults.Accepted(status, new JobAcceptedResponse(true, retryId,
            $"Retrying {itemCount} failed poster(s) of job {id} with template '{job.TemplateKey}@{job.TemplateVersion}'.",
            $"{status}/stream", status, itemCount));
    }
}
