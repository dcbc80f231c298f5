using MassTransit;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>One batch job, as the saga sees it. Stored as a row of <c>batch_job_state</c>.</summary>
public class BatchJobState : SagaStateMachineInstance
{
    /// <summary>The job id.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = null!;

    public string TemplateKey { get; set; } = null!;
    public int TemplateVersion { get; set; }
    public string? Client { get; set; }

    /// <summary>Output format, kept in plain columns so support staff can read them.</summary>
    public string Format { get; set; } = "png";
    public int Priority { get; set; }

    public int TotalItems { get; set; }
    public int SucceededCount { get; set; }
    public int FailedCount { get; set; }

    /// <summary>
    /// One bit per item, set when the item's first outcome is counted, so a redelivered or late
    /// duplicate outcome never changes the counts.
    /// </summary>
    public byte[] OutcomeBits { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>Concurrency token, bumped on every update.</summary>
    public int Version { get; set; }
}
