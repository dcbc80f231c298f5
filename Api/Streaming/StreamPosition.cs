using System.Globalization;

namespace PosterGen.Api.Streaming;

/// <summary>
/// How far a job's SSE stream got: the last result row and the last log row it sent. Sent as the
/// event id (<c>"{result}"</c> or <c>"{result}.{log}"</c>), so Last-Event-ID resumes both.
/// </summary>
public readonly record struct StreamPosition(long ResultId, long LogId)
{
    public static StreamPosition Parse(string? lastEventId)
    {
        var parts = (lastEventId ?? "").Split('.');
        return new StreamPosition(
            long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var result) ? result : 0,
            parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var log) ? log : 0);
    }

    public override string ToString() => LogId == 0
        ? ResultId.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{ResultId}.{LogId}");
}
