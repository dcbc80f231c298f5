using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Jobs;

/// <summary>The status words clients already use, derived from the saga's state.</summary>
public static class JobStatus
{
    public const string Pending = "pending";

    public static string From(BatchJobState job) => job.CurrentState switch
    {
        nameof(BatchJobStateMachine.Dispatching) when job.SucceededCount + job.FailedCount == 0 => "queued",
        nameof(BatchJobStateMachine.Dispatching) or nameof(BatchJobStateMachine.Rendering) => "processing",
        // Ending early: every item is being given its result; the counts are final a moment later.
        nameof(BatchJobStateMachine.Cancelling) => "cancelling",
        nameof(BatchJobStateMachine.Failing) => "failing",
        nameof(BatchJobStateMachine.Completed) => "completed",
        nameof(BatchJobStateMachine.CompletedWithFailures) => "completed_with_failures",
        nameof(BatchJobStateMachine.Failed) => "failed",
        nameof(BatchJobStateMachine.Cancelled) => "cancelled",
        _ => "queued",
    };

    public static bool IsFinal(string status) =>
        status is "completed" or "completed_with_failures" or "failed" or "cancelled";
}
