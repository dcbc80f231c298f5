namespace PosterGen.Persistence.Entities;

/// <summary>
/// Where an item is on its way to a result row. Stored as lower-case text. The database render queue
/// claims <see cref="Queued"/> items; Kafka carries them instead, and they go from
/// <see cref="Waiting"/> to <see cref="Done"/> directly.
/// </summary>
public enum BatchItemState
{
    /// <summary>Stored with its job, not yet dispatched.</summary>
    Waiting,

    /// <summary>Dispatched to the database render queue; any renderer may claim it.</summary>
    Queued,

    /// <summary>Claimed by a renderer until its lease expires.</summary>
    Rendering,

    /// <summary>Has its result row (rendered, failed or cancelled).</summary>
    Done,
}
