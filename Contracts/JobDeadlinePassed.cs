namespace PosterGen.Contracts;

/// <summary>The deadline sweep found the job still running past its deadline. May arrive more than once.</summary>
public record JobDeadlinePassed(Guid JobId, DateTimeOffset DeadlineAt);
