using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsvHelper;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;
using UglyToad.PdfPig;

namespace PosterGen.Tests.Downloads;

/// <summary>
/// A finished job downloaded whole, as the ZIP and as one PDF, through HTTP with real Chromium;
/// run on the embedded default and on PostgreSQL + S3 by the fixtures that derive from it.
/// </summary>
public abstract class JobDownloadsTests(IDictionary<string, string?>? settings = null) : EmbeddedServiceFixture(settings)
{
    protected const int PosterWidth = 160;
    protected const int PosterHeight = 90;
    private const string Html = "<div style=\"font:20px DejaVu Sans;background:#e76f51;color:#fff;height:90px\">{{n}}</div>";

    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("downloads", Html, PosterWidth, PosterHeight);

    [Test]
    public async Task Archive_of_a_50_poster_job_holds_50_images_and_a_manifest_matching_the_results()
    {
        var (job, results) = await RunJobAsync(50, "png");

        using var zip = new ZipArchive(new MemoryStream(await Client.GetByteArrayAsync($"{job}/archive")));
        var manifest = ReadManifest(zip);
        Assert.That(zip.Entries, Has.Count.EqualTo(51));
        Assert.That(zip.Entries.Select(e => e.FullName), Does.Contain("manifest.csv"));
        Assert.That(manifest, Has.Count.EqualTo(50));
        for (var i = 0; i < 50; i++)
        {
            var (row, result) = (manifest[i], results[i]);
            Assert.That(row["item_index"], Is.EqualTo(result.GetProperty("item_index").GetInt32().ToString(CultureInfo.InvariantCulture)));
            Assert.That(row["entity_id"], Is.EqualTo(result.GetProperty("entity_id").GetString()));
            Assert.That(row["status"], Is.EqualTo("completed").And.EqualTo(result.GetProperty("status").GetString()));
            Assert.That(row["url"], Is.EqualTo(result.GetProperty("url").GetString()));
            Assert.That(row["error"], Is.Empty);
            await using var image = await zip.GetEntry(row["file"])!.OpenAsync();
            using var bytes = new MemoryStream();
            await image.CopyToAsync(bytes);
            Assert.That(Png.Size(bytes.ToArray()), Is.EqualTo((PosterWidth, PosterHeight)), row["file"]);
        }
        // Named by entity_id made safe for unzip tools; a repeated id gets a suffix.
        Assert.That(manifest.Select(r => r["file"]).Take(3), Is.EqualTo(new[] { "poster_0.png", "poster_1.png", "poster_2.png" }));
        Assert.That(manifest.Select(r => r["file"]).TakeLast(2), Is.EqualTo(new[] { "dup.png", "dup-2.png" }));
    }

    [Test]
    public async Task Pdf_of_a_50_poster_job_has_50_pages_the_size_of_the_poster()
    {
        var (job, results) = await RunJobAsync(50, "png");

        using var response = await Client.GetAsync($"{job}/pdf");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(), new ParsingOptions { UseLenientParsing = false });
        Assert.That(pdf.NumberOfPages, Is.EqualTo(50));
        foreach (var page in pdf.GetPages())
        {
            Assert.That((page.Width, page.Height), Is.EqualTo((PosterWidth * 0.75, PosterHeight * 0.75)));
            Assert.That(page.GetImages().Single().WidthInSamples, Is.EqualTo(PosterWidth));
        }
    }

    /// <summary>Runs a job of <paramref name="count"/> posters no earlier job had; its status endpoint and its results in item order.</summary>
    protected async Task<(string StatusEndpoint, List<JsonElement> Results)> RunJobAsync(int count, string format)
    {
        var batch = Guid.NewGuid().ToString("N")[..8];
        var items = Enumerable.Range(0, count)
            .Select(i => new { entity_id = i >= count - 2 ? "dup" : $"poster/{i}", n = $"{batch} #{i}" });
        var accepted = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "downloads", items, options = new { format } });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadJsonAsync();
        var statusEndpoint = job.GetProperty("status_endpoint").GetString()!;
        await Client.WaitForJobAsync(statusEndpoint);
        var status = await (await Client.GetAsync($"{statusEndpoint}?page_size=1000")).ReadJsonAsync();
        return (statusEndpoint, status.GetProperty("results").EnumerateArray().ToList());
    }

    private static List<Dictionary<string, string>> ReadManifest(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("manifest.csv")!.Open());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        return rows;
    }
}
