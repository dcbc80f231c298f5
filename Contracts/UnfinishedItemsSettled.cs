namespace PosterGen.Contracts;

/// <summary>
/// Every item of the job now has a result row; the counts are read from those rows, so they are
/// final: a poster still rendering can no longer add one.
/// </summary>
public record UnfinishedItemsSettled(Guid JobId, int Rendered, int Failed, int Cancelled, DateTimeOffset SettledAt);
