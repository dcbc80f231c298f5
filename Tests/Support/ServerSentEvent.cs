using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PosterGen.Tests.Support;

public record ServerSentEvent(string Event, string? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>Parses an SSE response body as it arrives.</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string kind = "message";
        string? id = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0) yield return new ServerSentEvent(kind, id, data.ToString());
                kind = "message"; id = null; data.Clear();
            }
            else if (line.StartsWith("event:")) kind = line[6..].Trim();
            else if (line.StartsWith("id:")) id = line[3..].Trim();
            else if (line.StartsWith("data:")) data.Append(line[5..].TrimStart());
        }
    }
}
