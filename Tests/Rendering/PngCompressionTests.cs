using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary><c>png_compression</c>: <c>small</c> is the same picture as <c>fast</c> in fewer bytes.</summary>
public class PngCompressionTests
{
    [Test]
    public async Task Small_png_has_the_same_pixels_as_fast_in_fewer_bytes()
    {
        await using var renderer = TestRenderer.Create(concurrency: 1);
        var template = new PosterTemplate("compression", 1, """
            <html><body style="margin:0;width:600px;height:400px;background:linear-gradient(135deg,#264653,#e9c46a 60%,#e76f51);font:48px DejaVu Sans;color:#fff">
            <p style="margin:40px">{{title}}</p></body></html>
            """, null, 600, 400);
        var data = JsonSerializer.SerializeToElement(new { title = "Smaller, same pixels" });

        var fast = await renderer.RenderAsync(template, data, new RenderOptions(), CancellationToken.None);
        var small = await renderer.RenderAsync(template, data, new RenderOptions(PngCompression: PngCompression.Small), CancellationToken.None);

        Assert.That(Png.IsPng(small.Content), Is.True);
        Assert.That((small.ContentType, small.FileExtension), Is.EqualTo(("image/png", "png")));
        var (fastImage, smallImage) = (Png.Decode(fast.Content), Png.Decode(small.Content));
        Assert.That((smallImage.Width, smallImage.Height, smallImage.Channels), Is.EqualTo((fastImage.Width, fastImage.Height, fastImage.Channels)));
        Assert.That(smallImage.Pixels, Is.EqualTo(fastImage.Pixels));
        Assert.That(small.Content, Has.Length.LessThan(fast.Content.Length));
    }
}
