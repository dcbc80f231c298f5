using PosterGen.Persistence.Idempotency;

namespace PosterGen.Api.Idempotency;

/// <summary>What claiming an <c>Idempotency-Key</c> found.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The key is new (or expired): this request runs, and its answer is stored.</summary>
    public sealed record Won(long RecordId) : IdempotencyClaim;

    /// <summary>A request with the key and the same body was answered: repeat that answer.</summary>
    public sealed record Answered(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The key was used with another body (or route).</summary>
    public sealed record OtherRequest : IdempotencyClaim;

    /// <summary>The first request with the key is still being processed after the wait.</summary>
    public sealed record StillRunning : IdempotencyClaim;
}
