using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PosterGen.Consumers.Storage;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Downloads;

/// <summary>
/// Merges a job's PDF posters into one PDF, their pages as Chromium printed them. PDFsharp keeps
/// the imported pages until it saves, so this path holds the job's PDFs in memory (vector pages
/// of a few KB each); the document is saved to a temporary file and then streamed.
/// </summary>
public class PdfPosterMerger(DownloadQueries queries, IPosterStorage storage)
{
    public async Task WriteAsync(Guid jobId, Stream output, CancellationToken cancellationToken)
    {
        var upToId = await queries.LastResultIdAsync(jobId, cancellationToken);
        using var merged = new PdfDocument();
        await foreach (var result in queries.ResultsAsync(jobId, upToId, cancellationToken))
        {
            if (result is not { Status: PosterStatus.Rendered, StorageKey: { } key }) continue;
            if (await storage.ReadAsync(key, cancellationToken) is not { } bytes) continue;

            using var poster = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
            foreach (var page in poster.Pages)
                merged.AddPage(page);
        }
        if (merged.PageCount == 0)
            merged.AddPage();

        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        merged.Save(file, closeStream: false);
        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
    }
}
