namespace PosterGen.Consumers.Notifications;

/// <summary>When to try a delivery again: the first retry after a few seconds, each later one four times later, at most six hours.</summary>
public static class DeliveryBackoff
{
    private static readonly TimeSpan Longest = TimeSpan.FromHours(6);

    /// <param name="attempt">The attempt that just failed, 1 for the first.</param>
    public static TimeSpan After(int attempt, int firstRetrySeconds) =>
        TimeSpan.FromSeconds(Math.Min(firstRetrySeconds * Math.Pow(4, attempt - 1), Longest.TotalSeconds));
}
