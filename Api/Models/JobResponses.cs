namespace PosterGen.Api.Models;

/// <summary>Answer to generate-async, templates/generate and generate-batch.</summary>
public record JobAcceptedResponse(
    bool Success,
    Guid JobId,
    string Message,
    string SseEndpoint,
    string StatusEndpoint,
    int TotalItems);

/// <summary>A job's status: counts so far (rendered + failed + cancelled = total once it has ended) and one page of results.</summary>
public record JobStatusResponse(
    Guid JobId,
    string Status,
    string TemplateId,
    int TemplateVersion,
    int TotalItems,
    int ProcessedItems,
    int SuccessCount,
    int FailureCount,
    int CancelledCount,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    double? DurationSeconds,
    DateTime? DeadlineAt,
    string? FailureReason,
    Guid? RetryOf,
    Guid? RetriedBy,
    int Page,
    int PageSize,
    IReadOnlyList<PosterResultResponse> Results);

public record PosterResultResponse(
    int ItemIndex,
    string? EntityId,
    string? Url,
    string Status,
    long GenerationTimeMs,
    string? Error,
    int Attempts,
    bool CacheHit,
    IReadOnlyList<string> Warnings);

public record JobSummaryResponse(
    Guid JobId,
    string Status,
    string TemplateId,
    int TotalItems,
    int SuccessCount,
    int FailureCount,
    DateTime CreatedAt,
    DateTime? CompletedAt);
