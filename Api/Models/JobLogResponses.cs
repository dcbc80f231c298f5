namespace PosterGen.Api.Models;

public record JobLogsResponse(Guid JobId, int Page, int PageSize, int Total, IReadOnlyList<JobLogResponse> Logs);

public record JobLogResponse(long Id, string Level, string Message, DateTime CreatedAt);
