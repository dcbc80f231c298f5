using PosterGen.Consumers.Storage;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Downloads;

/// <summary>
/// Writes a job's rendered PNG or JPEG posters as one PDF, a page per poster in item order, each
/// page the poster's size (its template's CSS pixels at 96 dpi, the size Chromium prints at).
/// One poster is in memory at a time; pages leave as soon as they are made.
/// </summary>
public class JobPdf(DownloadQueries queries, IPosterStorage storage)
{
    private const double PointsPerCssPixel = 72.0 / 96;

    public async Task WriteAsync(Guid jobId, (int Width, int Height)? posterSize, Stream output, CancellationToken cancellationToken)
    {
        var upToId = await queries.LastResultIdAsync(jobId, cancellationToken);
        var pdf = new PdfPageWriter(output);
        await pdf.StartAsync(cancellationToken);
        await foreach (var result in queries.ResultsAsync(jobId, upToId, cancellationToken))
        {
            if (result is not { Status: PosterStatus.Rendered, StorageKey: { } key }) continue;
            if (await storage.ReadAsync(key, cancellationToken) is not { } bytes) continue;

            var image = PdfImage.From(bytes);
            var (width, height) = posterSize ?? (image.Width, image.Height);
            await pdf.AddImagePageAsync(image, width * PointsPerCssPixel, height * PointsPerCssPixel, cancellationToken);
        }
        await pdf.FinishAsync(cancellationToken);
    }
}
