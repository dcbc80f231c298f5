using System.Text.Json;

namespace PosterGen.Cli.Progress;

/// <summary>How far a job is, from its status or a <c>progress</c> event.</summary>
public record JobProgress(int Total, int Succeeded, int Failed)
{
    public int Processed => Succeeded + Failed;

    public static JobProgress FromStatus(JsonElement status) => new(
        status.GetProperty("total_items").GetInt32(), status.GetProperty("success_count").GetInt32(), status.GetProperty("failure_count").GetInt32());

    public static JobProgress FromEvent(JsonElement progress) => new(
        progress.GetProperty("total").GetInt32(), progress.GetProperty("success_count").GetInt32(), progress.GetProperty("failure_count").GetInt32());
}
