using PosterGen.Contracts;

namespace PosterGen.Consumers.Notifications;

/// <summary>A job's final event, whichever of the three it was, as notifications tell it.</summary>
/// <param name="EventType"><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</param>
/// <param name="Status">The job's status word, as <c>GET /api/jobs/{id}</c> says it.</param>
/// <param name="Reason">Why the job failed as a whole; null unless it did.</param>
public record EndedJob(
    Guid JobId, string EventType, string Status, int Total, int Succeeded, int Failed, int Cancelled, DateTimeOffset EndedAt, string? Reason)
{
    public static EndedJob From(JobCompleted e) =>
        new(e.JobId, "job.completed", e.Failed == 0 ? "completed" : "completed_with_failures", e.Total, e.Succeeded, e.Failed, 0, e.CompletedAt, null);

    public static EndedJob From(JobFailed e) =>
        new(e.JobId, "job.failed", "failed", e.Total, e.Succeeded, e.Failed, 0, e.FailedAt, e.Reason);

    public static EndedJob From(JobCancelled e) =>
        new(e.JobId, "job.cancelled", "cancelled", e.Total, e.Succeeded, e.Failed, e.Cancelled, e.CancelledAt, null);
}
