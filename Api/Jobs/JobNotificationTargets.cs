using System.Text.Json;
using PosterGen.Api.Models;

namespace PosterGen.Api.Jobs;

/// <summary>Who to tell when a submitted job ends, and what the notification carries back.</summary>
/// <param name="Metadata">The request's <c>metadata</c>, echoed in the webhook.</param>
/// <param name="LinksBaseUrl">The address the client reached, which the notification's links start with.</param>
public record JobNotificationTargets(string? WebhookUrl, string? NotifyEmail, JsonElement? Metadata, string LinksBaseUrl)
{
    /// <summary>The request's targets; null when it names none.</summary>
    public static JobNotificationTargets? From(INotificationTargets request, JsonElement? metadata, HttpRequest http) =>
        request.WebhookUrl is null && request.NotifyEmail is null
            ? null
            : new(request.WebhookUrl, request.NotifyEmail?.Trim(), metadata, $"{http.Scheme}://{http.Host}{http.PathBase}");

    public bool HasMetadata => Metadata is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
