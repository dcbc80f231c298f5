namespace PosterGen.Contracts;

/// <summary>
/// Command from the saga of a job that is ending early: give every item without a result a result
/// row with <paramref name="Outcome"/> and <paramref name="Reason"/>, then report the final counts.
/// </summary>
public record SettleUnfinishedItems(Guid JobId, UnfinishedItemOutcome Outcome, string Reason);
