using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosterGen.Api.Models;

/// <summary>
/// Body of <c>/api/generate-bulk</c>, in seed 002's frontend's own camelCase: CSV rows (objects of
/// column values, or arrays in <see cref="CsvColumns"/> order) and the template they fill. The
/// notification targets are spelt as on every other route (<c>webhook_url</c>, <c>notify_email</c>).
/// </summary>
public record BulkRequest(
    [property: JsonPropertyName("bulkMethod")] string? BulkMethod,
    [property: JsonPropertyName("csvData")] JsonElement? CsvData,
    [property: JsonPropertyName("csvTemplate")] string? CsvTemplate,
    [property: JsonPropertyName("csvColumns")] List<string>? CsvColumns,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata = null,
    [property: JsonPropertyName("webhook_url")] string? WebhookUrl = null,
    [property: JsonPropertyName("notify_email")] string? NotifyEmail = null,
    // PosterGen's own field, not seed 002's: spelt like PosterGen's other batch requests.
    [property: JsonPropertyName("dry_run")] bool? DryRun = null) : INotificationTargets;
