namespace PosterGen.Contracts;

/// <summary>
/// Every item of the job has an outcome. Published exactly once per job by its saga.
/// <paramref name="Failed"/> above zero means the job completed with failures.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Total">Items in the job.</param>
/// <param name="Succeeded">Posters rendered.</param>
/// <param name="Failed">Items that failed, each with a reason in its result row.</param>
/// <param name="StartedAt">When the saga accepted the job.</param>
/// <param name="CompletedAt">When the last outcome was counted.</param>
/// <param name="Duration">CompletedAt minus StartedAt.</param>
public record JobCompleted(
    Guid JobId,
    int Total,
    int Succeeded,
    int Failed,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    TimeSpan Duration);
