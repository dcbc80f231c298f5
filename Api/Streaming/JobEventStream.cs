using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using PosterGen.Api.Jobs;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Streaming;

/// <summary>
/// One client's SSE stream of a job. Result rows are the source of truth: bus events only wake the
/// stream, which then sends every row it has not sent yet, so nothing is missed if an event is
/// lost, and a reconnect with Last-Event-ID (the last row ids seen) resumes where it stopped.
/// The job's log rows are sent the same way, as <c>log</c> events.
/// </summary>
public class JobEventStream(JobEventHub hub, JobQueries queries, JobLogQueries logs)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    private const int RowsPerRead = 500;

    public async IAsyncEnumerable<SseItem<object>> ReadAsync(
        Guid jobId, StreamPosition lastEventId, Func<string?, string?> absoluteUrl, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = hub.Subscribe(jobId);
        yield return new SseItem<object>(new { job_id = jobId }, "connected");

        var position = lastEventId;
        while (true)
        {
            // Read the job's state before its rows: once final, every row it counted is already visible.
            var job = await queries.FindJobAsync(jobId, cancellationToken);
            var sentAny = false;
            IReadOnlyList<PosterResult> rows;
            do
            {
                rows = await queries.ResultsAfterAsync(jobId, position.ResultId, RowsPerRead, cancellationToken);
                foreach (var row in rows)
                {
                    position = position with { ResultId = row.Id };
                    sentAny = true;
                    // Cancelled items were never posters; the job_cancelled event counts them.
                    if (row.Status != PosterStatus.Cancelled)
                        yield return PosterEvent(jobId, row, position, absoluteUrl);
                }
            } while (rows.Count == RowsPerRead);

            // Logs after results, every round: a reconnect that replays from an event id then sends
            // the events after it with the same ids as the first time.
            await foreach (var log in LogEventsAsync(jobId, position, cancellationToken))
            {
                position = position with { LogId = log.LogId };
                yield return log.Event;
            }

            if (sentAny && job is not null)
            {
                var (rendered, failed) = await queries.CountResultsAsync(jobId, cancellationToken);
                yield return new SseItem<object>(new
                {
                    job_id = jobId,
                    processed = rendered + failed,
                    total = job.TotalItems,
                    success_count = rendered,
                    failure_count = failed,
                    percent = job.TotalItems == 0 ? 100 : Math.Round(100.0 * (rendered + failed) / job.TotalItems, 1),
                }, "progress");
            }

            if (job is not null && JobStatus.IsFinal(JobStatus.From(job)))
            {
                // Lines written as the job finished, such as its closing line when it is already there.
                await foreach (var log in LogEventsAsync(jobId, position, cancellationToken))
                {
                    position = position with { LogId = log.LogId };
                    yield return log.Event;
                }
                yield return FinalEvent(job, position);
                yield break;
            }

            if (!await subscription.WaitAsync(HeartbeatInterval, cancellationToken))
                yield return new SseItem<object>(new { job_id = jobId, at = DateTime.UtcNow }, "heartbeat");
        }
    }

    private async IAsyncEnumerable<(long LogId, SseItem<object> Event)> LogEventsAsync(
        Guid jobId, StreamPosition position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<JobLog> rows;
        do
        {
            rows = await logs.AfterAsync(jobId, position.LogId, RowsPerRead, cancellationToken);
            foreach (var row in rows)
            {
                position = position with { LogId = row.Id };
                yield return (row.Id, new SseItem<object>(new { job_id = jobId, level = row.Level, message = row.Message }, "log")
                    { EventId = position.ToString() });
            }
        } while (rows.Count == RowsPerRead);
    }

    private static SseItem<object> PosterEvent(Guid jobId, PosterResult row, StreamPosition position, Func<string?, string?> absoluteUrl)
    {
        var rendered = row.Status == PosterStatus.Rendered;
        object data = rendered
            ? new { job_id = jobId, entity_id = row.EntityId, item_index = row.ItemIndex, poster_url = absoluteUrl(row.Url), success = true,
                generation_time_ms = row.GenerationTimeMs, warnings = row.WarningList() }
            : new { job_id = jobId, entity_id = row.EntityId, item_index = row.ItemIndex, error = row.Error, success = false };
        return new SseItem<object>(data, rendered ? "poster_completed" : "poster_failed") { EventId = position.ToString() };
    }

    private static SseItem<object> FinalEvent(Sagas.BatchJobs.BatchJobState job, StreamPosition position)
    {
        var status = JobStatus.From(job);
        var kind = status switch
        {
            "cancelled" => "job_cancelled",
            "failed" => "job_failed",
            _ => "job_completed",
        };
        return new SseItem<object>(new
        {
            job_id = job.CorrelationId,
            status,
            success_count = job.SucceededCount,
            failure_count = job.FailedCount,
            cancelled_count = job.CancelledCount,
            total_count = job.TotalItems,
            reason = job.FailureReason,
        }, kind) { EventId = position.ToString() };
    }
}
