namespace PosterGen.Contracts;

/// <summary>Command: stop the job. Posters being rendered may finish; every other item is recorded as cancelled.</summary>
public record CancelJob(Guid JobId, string? Reason);
