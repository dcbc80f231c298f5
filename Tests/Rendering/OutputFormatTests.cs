using System.Text;
using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>Every output format and hi-DPI scale, from the real renderer.</summary>
public class OutputFormatTests
{
    private static readonly PosterTemplate Template = new("formats", 1,
        "<div style=\"width:300px;height:200px;background:linear-gradient(#264653,#2a9d8f);color:#fff;font:32px DejaVu Sans\">{{title}}</div>",
        null, 300, 200);
    private static readonly JsonElement Data = JsonSerializer.SerializeToElement(new { title = "Formats" });
    private ChromiumPosterRenderer renderer = null!;

    [OneTimeSetUp]
    public void Start() => renderer = TestRenderer.Create();

    [OneTimeTearDown]
    public async Task Stop() => await renderer.DisposeAsync();

    [TestCase(1.0, 300, 200)]
    [TestCase(2.0, 600, 400)]
    [TestCase(3.0, 900, 600)]
    public async Task Png_is_the_template_size_times_the_device_scale_factor(double scale, int width, int height)
    {
        var poster = await renderer.RenderAsync(Template, Data, new RenderOptions(DeviceScaleFactor: scale), CancellationToken.None);

        Assert.That(Png.Size(poster.Content), Is.EqualTo((width, height)));
        Assert.That((poster.PixelWidth, poster.PixelHeight), Is.EqualTo((width, height)));
    }

    [Test]
    public async Task Jpeg_quality_trades_size()
    {
        var low = await renderer.RenderAsync(Template, Data, new RenderOptions("jpeg", Quality: 20), CancellationToken.None);
        var high = await renderer.RenderAsync(Template, Data, new RenderOptions("jpeg", Quality: 95), CancellationToken.None);

        Assert.That(low.Content.Take(3), Is.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }));
        Assert.That((low.ContentType, low.FileExtension), Is.EqualTo(("image/jpeg", "jpg")));
        Assert.That(low.Content, Has.Length.LessThan(high.Content.Length));
    }

    [Test]
    public async Task Webp_and_pdf_are_what_they_say()
    {
        var webp = await renderer.RenderAsync(Template, Data, new RenderOptions("webp"), CancellationToken.None);
        var pdf = await renderer.RenderAsync(Template, Data, new RenderOptions("pdf"), CancellationToken.None);

        Assert.That(Encoding.ASCII.GetString(webp.Content, 0, 4) + Encoding.ASCII.GetString(webp.Content, 8, 4), Is.EqualTo("RIFFWEBP"));
        Assert.That(Encoding.ASCII.GetString(pdf.Content, 0, 5), Is.EqualTo("%PDF-"));
        Assert.That(pdf.ContentType, Is.EqualTo("application/pdf"));
    }
}
