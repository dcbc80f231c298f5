using System.Text.Json;

namespace PosterGen.Api.Models;

/// <summary>
/// Body of <c>/api/generate</c>, <c>/api/generate-async</c> and <c>/api/templates/generate</c>. The
/// notification targets apply to the job the asynchronous routes make; <c>/api/generate</c> answers at once and refuses them.
/// </summary>
public record GenerateRequest(
    string? TemplateId, JsonElement? CustomData, JsonElement? Metadata, RenderOptionsRequest? Options,
    string? WebhookUrl = null, string? NotifyEmail = null) : INotificationTargets;

/// <summary>Body of <c>/api/generate-batch</c>.</summary>
/// <param name="DryRun">Check the items (placeholders, images, text that fits) and answer, rendering and storing nothing.</param>
public record BatchRequest(
    string? TemplateId, List<JsonElement>? Items, JsonElement? Metadata, RenderOptionsRequest? Options, bool? DryRun = null,
    string? WebhookUrl = null, string? NotifyEmail = null) : INotificationTargets;

/// <summary>
/// Optional render settings; anything left out takes the default (PNG, scale 1, priority 5, and the
/// deadline <c>Jobs:DefaultDeadlineSeconds</c>, after which unfinished items fail, and PNG compression <c>fast</c>).
/// </summary>
public record RenderOptionsRequest(string? Format, int? Quality, double? DeviceScaleFactor, int? Priority, int? DeadlineSeconds = null,
    string? PngCompression = null);

public record GenerateResponse(string Url, int TemplateVersionUsed, string TemplateName, long GenerationTimeMs, bool CacheHit,
    IReadOnlyList<string> Warnings);
