namespace PosterGen.Persistence.Idempotency;

public static class IdempotencyRecords
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key answers with its first response; older rows are deleted when keys are next used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
}
