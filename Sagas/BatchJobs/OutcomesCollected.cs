namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// One job's share of a batch of <c>PosterRendered</c> and <c>PosterFailed</c> events, so the saga
/// locks, updates and saves its row once per batch instead of once per poster. Internal to the
/// saga role: downstream services subscribe to the per-poster events themselves.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="RenderedItems">Item indexes reported rendered; may repeat or already be counted.</param>
/// <param name="FailedItems">Item indexes reported failed; may repeat or already be counted.</param>
public record OutcomesCollected(Guid JobId, int[] RenderedItems, int[] FailedItems);
