namespace PosterGen.Api.Models;

public record WebhookDeliveriesResponse(Guid JobId, IReadOnlyList<WebhookDeliveryResponse> Deliveries);

/// <summary>One event's delivery: where it stands, and each attempt with what the receiver answered.</summary>
public record WebhookDeliveryResponse(
    Guid DeliveryId,
    string EventType,
    string Url,
    string Status,
    int AttemptCount,
    int MaxAttempts,
    DateTime? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTime CreatedAt,
    DateTime? DeliveredAt,
    IReadOnlyList<WebhookAttemptResponse> Attempts);

public record WebhookAttemptResponse(int Attempt, DateTime AttemptedAt, int? StatusCode, string? Error, long DurationMs, DateTime? NextAttemptAt);
