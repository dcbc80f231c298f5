namespace PosterGen.Contracts;

/// <summary>
/// The job was cancelled and every item has its result: rendered before the cancel took hold,
/// failed, or cancelled. Published exactly once per job. Succeeded + Failed + Cancelled = Total.
/// </summary>
public record JobCancelled(
    Guid JobId,
    int Total,
    int Succeeded,
    int Failed,
    int Cancelled,
    DateTimeOffset CancelledAt);
