using System.Globalization;
using System.Text;

namespace PosterGen.Api.Downloads;

/// <summary>
/// Writes a PDF of image pages straight to a stream: each page's objects go out as soon as they
/// are added, and only their offsets stay behind for the cross-reference table at the end. The
/// catalog and page tree (objects 1 and 2) are written last, when every page is known.
/// </summary>
public sealed class PdfPageWriter(Stream output)
{
    private const int CatalogId = 1;
    private const int PagesId = 2;

    // Not disposed: that would close the response body under the server.
    private readonly BufferedStream stream = new(output, 64 * 1024);
    private readonly List<long> offsets = [0, 0];
    private readonly List<int> pageIds = [];
    private long position;

    public int PageCount => pageIds.Count;

    public Task StartAsync(CancellationToken cancellationToken) =>
        WriteAsync("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8.ToArray(), cancellationToken);

    /// <summary>Adds a page of <paramref name="widthPoints"/> by <paramref name="heightPoints"/> that the image fills.</summary>
    public async Task AddImagePageAsync(PdfImage image, double widthPoints, double heightPoints, CancellationToken cancellationToken)
    {
        var mask = image.SoftMask is { } softMask ? await WriteStreamAsync(softMask.Dictionary, softMask.Data, cancellationToken) : (int?)null;
        var imageId = await WriteStreamAsync(image.Dictionary + (mask is { } m ? $" /SMask {m} 0 R" : ""), image.Data, cancellationToken);
        var (width, height) = (Number(widthPoints), Number(heightPoints));
        var contentId = await WriteStreamAsync("", Encoding.ASCII.GetBytes($"q {width} 0 0 {height} 0 0 cm /Poster Do Q"), cancellationToken);
        var pageId = await WriteObjectAsync(
            $"<< /Type /Page /Parent {PagesId} 0 R /MediaBox [0 0 {width} {height}] " +
            $"/Resources << /XObject << /Poster {imageId} 0 R >> >> /Contents {contentId} 0 R >>", cancellationToken);
        pageIds.Add(pageId);
    }

    /// <summary>Writes the page tree, catalog, cross-reference table and trailer, and flushes.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var kids = new StringBuilder();
        foreach (var id in pageIds) kids.Append(id).Append(" 0 R ");
        await WriteObjectAsync(PagesId, $"<< /Type /Pages /Kids [{kids}] /Count {pageIds.Count} >>", cancellationToken);
        await WriteObjectAsync(CatalogId, $"<< /Type /Catalog /Pages {PagesId} 0 R >>", cancellationToken);

        var xref = position;
        var table = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        table.Append($"trailer\n<< /Size {offsets.Count + 1} /Root {CatalogId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        await WriteAsync(Encoding.ASCII.GetBytes(table.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async Task<int> WriteStreamAsync(string dictionary, byte[] data, CancellationToken cancellationToken)
    {
        var id = NextId();
        offsets[id - 1] = position;
        await WriteAsync(Encoding.ASCII.GetBytes($"{id} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n"), cancellationToken);
        await WriteAsync(data, cancellationToken);
        await WriteAsync("\nendstream\nendobj\n"u8.ToArray(), cancellationToken);
        return id;
    }

    private async Task<int> WriteObjectAsync(string body, CancellationToken cancellationToken)
    {
        var id = NextId();
        await WriteObjectAsync(id, body, cancellationToken);
        return id;
    }

    private Task WriteObjectAsync(int id, string body, CancellationToken cancellationToken)
    {
        offsets[id - 1] = position;
        return WriteAsync(Encoding.ASCII.GetBytes($"{id} 0 obj\n{body}\nendobj\n"), cancellationToken);
    }

    private int NextId()
    {
        offsets.Add(0);
        return offsets.Count;
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken);
        position += bytes.Length;
    }

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
