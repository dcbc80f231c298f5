namespace PosterGen.Contracts;

/// <summary>
/// The job as a whole could not finish: its deadline passed with items still outstanding, which
/// were then recorded as failed with the same reason. Published exactly once per job.
/// Succeeded + Failed = Total.
/// </summary>
public record JobFailed(
    Guid JobId,
    string Reason,
    int Total,
    int Succeeded,
    int Failed,
    DateTimeOffset FailedAt);
