namespace PosterGen.Contracts;

/// <summary>The job as a whole could not finish (e.g. it timed out with items still outstanding).</summary>
public record JobFailed(
    Guid JobId,
    string Reason,
    int Total,
    int Succeeded,
    int Failed,
    DateTimeOffset FailedAt);
