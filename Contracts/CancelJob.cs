namespace PosterGen.Contracts;

/// <summary>Command: stop the job. Items not yet rendered are skipped.</summary>
public record CancelJob(Guid JobId, string? Reason);
