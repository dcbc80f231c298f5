using System.Text.Json;

namespace PosterGen.Cli.Api;

/// <summary>
/// Brings a finished job's posters into a folder, one file per rendered item named after its index
/// and entity id. It reads them page by page from the job's results; once the service serves a
/// job archive (<c>GET /api/jobs/{id}/archive</c>), fetching and unpacking that replaces this loop.
/// </summary>
public class PosterDownloader(PosterGenClient client)
{
    private const int PageSize = 500;
    private const int Parallel = 4;

    /// <summary>Answers how many posters were written.</summary>
    public async Task<int> DownloadAsync(Guid jobId, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var written = 0;
        for (var page = 1; ; page++)
        {
            var status = await client.GetJobAsync(jobId, page, PageSize, cancellationToken);
            var results = status.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("status").GetString() == "completed" && r.GetProperty("url").ValueKind == JsonValueKind.String)
                .ToList();
            await System.Threading.Tasks.Parallel.ForEachAsync(results, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
                async (result, token) =>
                {
                    var url = result.GetProperty("url").GetString()!;
                    await client.DownloadAsync(url, Path.Combine(folder, FileName(result, url)), token);
                    Interlocked.Increment(ref written);
                });
            if (status.GetProperty("results").GetArrayLength() < PageSize) return written;
        }
    }

    /// <summary><c>00007-offer-7.png</c>: sorted like the input, readable, and safe whatever the entity id holds.</summary>
    public static string FileName(JsonElement result, string url)
    {
        var index = result.GetProperty("item_index").GetInt32();
        var entity = result.TryGetProperty("entity_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
        var safe = new string(entity.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        var extension = Path.GetExtension(new Uri(url, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(url).AbsolutePath : url.Split('?')[0]);
        var name = safe.Length == 0 ? $"{index:D5}" : $"{index:D5}-{safe[..Math.Min(safe.Length, 80)]}";
        return name + (extension.Length is > 1 and <= 5 ? extension : ".png");
    }
}
