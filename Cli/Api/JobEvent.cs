using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PosterGen.Cli.Api;

/// <summary>One Server-Sent Event of a job's stream (<c>progress</c>, <c>poster_failed</c>, <c>job_completed</c>...).</summary>
public record JobEvent(string Kind, string? Id, JsonElement Data)
{
    public bool IsFinal => Kind is "job_completed" or "job_failed" or "job_cancelled";

    public static async IAsyncEnumerable<JobEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var kind = "message";
        string? id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                    yield return new JobEvent(kind, id, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                (kind, id) = ("message", null);
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line[6..].Trim();
            else if (line.StartsWith("id:", StringComparison.Ordinal)) id = line[3..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
        }
    }
}
