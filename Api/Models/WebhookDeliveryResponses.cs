namespace PosterGen.Api.Models;

/// <summary>A job's webhook events (one per final event) and every attempt to deliver them, oldest first.</summary>
public record WebhookDeliveriesResponse(Guid JobId, IReadOnlyList<WebhookEventResponse> Events, IReadOnlyList<WebhookDeliveryResponse> Deliveries);

/// <summary>One event and where its delivery stands: pending (with its next attempt), delivered or failed (given up).</summary>
/// <param name="WebhookId">The <c>webhook-id</c> header of every attempt.</param>
public record WebhookEventResponse(
    Guid WebhookId,
    string Event,
    string Url,
    string Status,
    int AttemptCount,
    int MaxAttempts,
    DateTime? NextAttemptAt,
    DateTime CreatedAt,
    DateTime? DeliveredAt);

/// <summary>One attempt: the receiver's HTTP status, or why there was none, and when the next attempt follows.</summary>
public record WebhookDeliveryResponse(
    Guid DeliveryId,
    Guid WebhookId,
    string Event,
    int Attempt,
    DateTime AttemptedAt,
    int? StatusCode,
    string? Error,
    long DurationMs,
    DateTime? NextAttemptAt);
