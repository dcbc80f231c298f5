namespace PosterGen.Contracts;

/// <summary>Every item of the job has been queued for rendering.</summary>
public record BatchDispatched(Guid JobId, int ItemCount, DateTimeOffset DispatchedAt);
