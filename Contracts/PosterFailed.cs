namespace PosterGen.Contracts;

/// <summary>A poster could not be made, after retries where retrying could help. May be delivered more than once.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ItemIndex">Zero-based item position.</param>
/// <param name="EntityId">The client's id for the item, if it gave one.</param>
/// <param name="Reason">Why, in words a client can act on.</param>
/// <param name="Attempts">How many render attempts were made.</param>
/// <param name="FailedAt">When the failure was recorded.</param>
public record PosterFailed(
    Guid JobId,
    int ItemIndex,
    string? EntityId,
    string Reason,
    int Attempts,
    DateTimeOffset FailedAt);
