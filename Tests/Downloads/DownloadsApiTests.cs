using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Tenancy;
using UglyToad.PdfPig;

namespace PosterGen.Tests.Downloads;

/// <summary>Downloads on the embedded default: the shared checks, JPEG pages, and the answers before a job can be downloaded.</summary>
public class DownloadsApiTests : JobDownloadsTests
{
    [Test]
    public async Task Pdf_of_a_jpeg_job_embeds_each_jpeg_as_a_page()
    {
        var (job, _) = await RunJobAsync(3, "jpeg");

        using var pdf = PdfDocument.Open(await Client.GetByteArrayAsync($"{job}/pdf"), new ParsingOptions { UseLenientParsing = false });
        Assert.That(pdf.NumberOfPages, Is.EqualTo(3));
        var image = pdf.GetPage(1).GetImages().Single();
        Assert.That((image.WidthInSamples, image.HeightInSamples), Is.EqualTo((PosterWidth, PosterHeight)));
        Assert.That(image.RawBytes.ToArray() is [0xFF, 0xD8, ..], Is.True, "the JPEG is copied as it is");
    }

    [Test]
    public async Task A_job_not_finished_is_409_unless_partial_and_an_unknown_job_is_404()
    {
        // Accepted but not yet seen by the saga: its items exist, nothing has rendered.
        var jobId = Guid.NewGuid();
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<PosterGenDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.BatchItems.Add(new BatchItem { Tenant = Tenants.Default, JobId = jobId, ItemIndex = 0, Data = "{}" });
            await db.SaveChangesAsync();
        }

        foreach (var download in new[] { "archive", "pdf" })
        {
            using var running = await Client.GetAsync($"/api/jobs/{jobId}/{download}");
            Assert.That((int)running.StatusCode, Is.EqualTo(409), download);
            Assert.That(running.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

            using var partial = await Client.GetAsync($"/api/jobs/{jobId}/{download}?partial=true");
            Assert.That((int)partial.StatusCode, Is.EqualTo(200), download);

            using var unknown = await Client.GetAsync($"/api/jobs/{Guid.NewGuid()}/{download}");
            Assert.That((int)unknown.StatusCode, Is.EqualTo(404), download);
        }
    }
}
