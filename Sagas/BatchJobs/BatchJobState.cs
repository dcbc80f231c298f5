using MassTransit;
using PosterGen.Sagas.Tenancy;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>One batch job, as the saga sees it. Stored as a row of <c>batch_job_state</c>.</summary>
public class BatchJobState : SagaStateMachineInstance, ISagaVersion, ITenantOwned
{
    /// <summary>The job id.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = null!;

    /// <summary>The tenant that submitted the job, from <see cref="Contracts.BatchRequested"/>.</summary>
    public string Tenant { get; set; } = null!;

    public string TemplateKey { get; set; } = null!;
    public int TemplateVersion { get; set; }
    public string? Client { get; set; }

    /// <summary>Render options, kept in plain columns so support staff can read them.</summary>
    public string Format { get; set; } = "png";
    public int Quality { get; set; }
    public double DeviceScaleFactor { get; set; }
    public int Priority { get; set; }

    public int TotalItems { get; set; }
    public int SucceededCount { get; set; }
    public int FailedCount { get; set; }

    /// <summary>Items given a <c>cancelled</c> result because the job was cancelled before they rendered.</summary>
    public int CancelledCount { get; set; }

    /// <summary>
    /// One bit per item, set when the item's first outcome is counted, so a redelivered or late
    /// duplicate outcome never changes the counts.
    /// </summary>
    public byte[] OutcomeBits { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>When the job fails if items are still unfinished.</summary>
    public DateTime DeadlineAt { get; set; }

    /// <summary>Why the job failed as a whole (its deadline passed); null otherwise.</summary>
    public string? FailureReason { get; set; }

    /// <summary>The job whose failed items this job renders again, if it is a retry.</summary>
    public Guid? RetryOf { get; set; }

    /// <summary>The W3C trace the job was submitted in; its renders continue it.</summary>
    public string? TraceParent { get; set; }

    /// <summary>Concurrency token, bumped by the saga repository on every update.</summary>
    public int Version { get; set; }
}
