using System.Text.Json;
using System.Text.Json.Nodes;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// The body of a job webhook in the Standard Webhooks shape:
/// <c>{"type", "timestamp", "data": {job_id, status, total_count, success_count, failure_count,
/// cancelled_count, status_url, archive_url, metadata}}</c>. Written once per event and sent as is.
/// </summary>
public static class WebhookPayload
{
    public static string For(EndedJob job, JobLinks links, string? metadata) => new JsonObject
    {
        ["type"] = job.EventType,
        ["timestamp"] = job.EndedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
        ["data"] = new JsonObject
        {
            ["job_id"] = job.JobId,
            ["status"] = job.Status,
            ["total_count"] = job.Total,
            ["success_count"] = job.Succeeded,
            ["failure_count"] = job.Failed,
            ["cancelled_count"] = job.Cancelled,
            ["status_url"] = links.Status,
            ["archive_url"] = links.Archive,
            ["metadata"] = metadata is null ? null : JsonNode.Parse(metadata),
        },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
