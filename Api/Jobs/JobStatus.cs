using System.Linq.Expressions;
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

    /// <summary>The words <c>GET /api/jobs?status=</c> filters by: every status a saga row can have.</summary>
    public static readonly IReadOnlyList<string> Listed =
        ["queued", "processing", "completed", "completed_with_failures", "failed", "cancelled"];

    /// <summary>The saga rows whose status <see cref="From"/> would call <paramref name="status"/>, as a query.</summary>
    public static Expression<Func<BatchJobState, bool>> Is(string status) => status switch
    {
        "processing" => j => j.CurrentState == nameof(BatchJobStateMachine.Rendering)
            || (j.CurrentState == nameof(BatchJobStateMachine.Dispatching) && j.SucceededCount + j.FailedCount > 0),
        "queued" => j => !NamedStates.Contains(j.CurrentState)
            || (j.CurrentState == nameof(BatchJobStateMachine.Dispatching) && j.SucceededCount + j.FailedCount == 0),
        "completed" => j => j.CurrentState == "Completed",
        "completed_with_failures" => j => j.CurrentState == nameof(BatchJobStateMachine.CompletedWithFailures),
        "failed" => j => j.CurrentState == "Failed",
        "cancelled" => j => j.CurrentState == nameof(BatchJobStateMachine.Cancelled),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a status word."),
    };

    private static readonly string[] NamedStates =
    [
        nameof(BatchJobStateMachine.Dispatching), nameof(BatchJobStateMachine.Rendering), "Completed",
        nameof(BatchJobStateMachine.CompletedWithFailures), "Failed", nameof(BatchJobStateMachine.Cancelled),
    ];

    public static bool IsFinal(string status) =>
        status is "completed" or "completed_with_failures" or "failed" or "cancelled";
}
