using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>
/// One submitted item of a job, stored before the job starts so nothing depends on message size.
/// In the embedded default the table is also the render queue: items are claimed in priority order,
/// then first come first served, under a lease that a crash lets run out.
/// </summary>
public class BatchItem : IJobOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public Guid JobId { get; set; }
    public int ItemIndex { get; set; }
    public string? EntityId { get; set; }

    /// <summary>The item's placeholder values as a JSON object.</summary>
    public string Data { get; set; } = null!;

    public BatchItemState State { get; set; } = BatchItemState.Waiting;

    /// <summary>The job's priority (1 first, 10 last), copied when the item is dispatched.</summary>
    public int Priority { get; set; }

    /// <summary>When the item was dispatched: the queue's first-come order.</summary>
    public DateTime? QueuedAt { get; set; }

    /// <summary>Until when the renderer that claimed the item owns it; after that it is queued again.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>How often a renderer has claimed the item: an item that keeps killing its renderer is failed, not retried forever.</summary>
    public int Claims { get; set; }
}
