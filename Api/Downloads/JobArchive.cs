using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using PosterGen.Consumers.Storage;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Downloads;

/// <summary>
/// Writes a job's ZIP: every rendered poster, copied from storage one at a time, then
/// <c>manifest.csv</c> with a row per result. The manifest is gathered in a temporary file while
/// the posters go out, so memory stays flat however large the job.
/// </summary>
public class JobArchive(DownloadQueries queries, IPosterStorage storage)
{
    public async Task WriteAsync(Guid jobId, Stream output, Func<string?, string?> absoluteUrl, CancellationToken cancellationToken)
    {
        var upToId = await queries.LastResultIdAsync(jobId, cancellationToken);
        await using var manifestFile = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var body = new SyncTolerantStream(output);
        var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);

        await using (var manifestText = new StreamWriter(manifestFile, leaveOpen: true))
        await using (var manifest = new CsvWriter(manifestText, CultureInfo.InvariantCulture))
        {
            foreach (var column in (ReadOnlySpan<string>)["item_index", "entity_id", "status", "file", "url", "error"])
                manifest.WriteField(column);
            await manifest.NextRecordAsync();

            var names = new ArchiveNames();
            await foreach (var result in queries.ResultsAsync(jobId, upToId, cancellationToken))
            {
                var (file, error) = result.Status == PosterStatus.Rendered
                    ? await AddPosterAsync(zip, result, names, cancellationToken)
                    : (null, result.Error);
                manifest.WriteField(result.ItemIndex);
                manifest.WriteField(result.EntityId);
                manifest.WriteField(result.Status == PosterStatus.Rendered ? "completed" : "failed");
                manifest.WriteField(file);
                manifest.WriteField(absoluteUrl(result.Url));
                manifest.WriteField(error);
                await manifest.NextRecordAsync();
            }
        }

        manifestFile.Position = 0;
        await using (var entry = await zip.CreateEntry("manifest.csv", CompressionLevel.Fastest).OpenAsync(cancellationToken))
            await manifestFile.CopyToAsync(entry, cancellationToken);
        await zip.DisposeAsync();
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>Copies one poster into the archive: its file name, or why there is none.</summary>
    private async Task<(string? File, string? Error)> AddPosterAsync(ZipArchive zip, PosterResult result, ArchiveNames names,
        CancellationToken cancellationToken)
    {
        await using var poster = result.StorageKey is null ? null : await storage.OpenReadAsync(result.StorageKey, cancellationToken);
        if (poster is null)
            return (null, "The poster is no longer in storage.");

        var name = names.For(result.ItemIndex, result.EntityId, Path.GetExtension(result.StorageKey!).TrimStart('.'));
        // Posters are compressed images already: stored as they are, they cost no CPU to zip.
        await using var entry = await zip.CreateEntry(name, CompressionLevel.NoCompression).OpenAsync(cancellationToken);
        await poster.CopyToAsync(entry, cancellationToken);
        return (name, null);
    }
}
