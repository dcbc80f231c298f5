using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Streaming;

namespace PosterGen.Api.Apis;

public static class JobStreamApi
{
    public static IEndpointRouteBuilder MapJobStreamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Jobs").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/jobs/{id:guid}/stream", StreamAsync);
        api.MapGet("/templates/job/{id:guid}/stream", StreamAsync);
        return app;
    }

    /// <summary>
    /// Server-Sent Events: connected, log and poster_completed / poster_failed (id = the last result
    /// and log row ids sent), progress, heartbeat every 15 s, then job_completed, job_failed or job_cancelled.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> StreamAsync(
        Guid id, HttpRequest http, JobQueries queries, JobEventStream stream, CancellationToken cancellationToken,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId = null)
    {
        if (!await queries.ExistsAsync(id, cancellationToken))
            return Problems.JobNotFound(id);

        return TypedResults.ServerSentEvents(stream.ReadAsync(id, StreamPosition.Parse(lastEventId), PosterUrls.AbsoluteFor(http), cancellationToken));
    }
}
