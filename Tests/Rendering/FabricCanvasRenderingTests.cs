using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Persistence.Entities;
using PosterGen.Tests.Support;
using static PosterGen.Tests.Support.DmLetterCanvas;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// Fabric.js canvas versions drawn by the real renderer: Fabric.js 7.4.0 from the renderer's own copy,
/// a StaticCanvas captured. Text is compared with the same letter written with the values in it, so a
/// value shows exactly as if the designer had typed it.
/// </summary>
public class FabricCanvasRenderingTests
{
    private ChromiumPosterRenderer renderer = null!;
    private LoopbackListener listener = null!;
    private int version;

    [OneTimeSetUp]
    public void Start()
    {
        renderer = TestRenderer.Create(timeoutSeconds: 15);
        listener = new LoopbackListener();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await listener.DisposeAsync();
        await renderer.DisposeAsync();
    }

    [Test]
    public async Task Placeholders_in_text_objects_are_drawn_as_the_values_with_the_rectangles_at_their_pixels()
    {
        var filled = await RenderAsync(WithPlaceholders(), new { name = "Ada", offer = "20% off" });
        var typed = await RenderAsync(Json("Dear Ada,", "20% off"), new { });
        var other = await RenderAsync(WithPlaceholders(), new { name = "Grace", offer = "20% off" });

        Assert.That((filled.Width, filled.Height), Is.EqualTo((Width, Height)));
        Assert.That(filled.IsNear(Red.Centre.X, Red.Centre.Y, (255, 0, 0)), Is.True, $"red rectangle: {filled.Pixel(Red.Centre.X, Red.Centre.Y)}");
        Assert.That(filled.IsNear(Blue.Centre.X, Blue.Centre.Y, (0, 0, 255)), Is.True, $"blue rectangle: {filled.Pixel(Blue.Centre.X, Blue.Centre.Y)}");
        Assert.That(filled.IsNear(Red.X + Red.Width + 5, Red.Centre.Y, (255, 255, 255)), Is.True, "white between the rectangles");
        Assert.That(filled.IsNear(Width - 5, Height - 5, (255, 255, 255)), Is.True, "white background");
        Assert.That(Greeting.DarkPixels(filled), Is.GreaterThan(100), "the greeting is drawn");
        Assert.That(Body.DarkPixels(filled), Is.GreaterThan(100), "the offer is drawn");
        Assert.That(filled.Pixels, Is.EqualTo(typed.Pixels), "the values look exactly like the same letter typed with them");
        Assert.That(Greeting.Differs(filled, other), Is.True, "another name draws another greeting");
        Assert.That(Body.Differs(filled, other), Is.False, "the same offer draws the same");
    }

    [Test]
    public async Task Variable_mappings_set_the_text_of_the_objects_they_name_by_index()
    {
        var mapped = await RenderAsync(Json("Dear customer,", "Our offer"), new { name = "Dear Ada,", deal = "Two for one" },
            [new VariableMapping(2, "name"), new VariableMapping(3, "deal")]);
        var typed = await RenderAsync(Json("Dear Ada,", "Two for one"), new { });
        var unmapped = await RenderAsync(Json("Dear customer,", "Our offer"), new { });

        Assert.That(mapped.IsNear(Red.Centre.X, Red.Centre.Y, (255, 0, 0)), Is.True);
        Assert.That(mapped.IsNear(Blue.Centre.X, Blue.Centre.Y, (0, 0, 255)), Is.True);
        Assert.That(mapped.Pixels, Is.EqualTo(typed.Pixels));
        Assert.That(Greeting.Differs(mapped, unmapped) && Body.Differs(mapped, unmapped), Is.True, "both mapped texts replaced the template's");
    }

    [Test]
    public async Task A_value_is_drawn_as_literal_text_never_as_markup_json_or_another_template()
    {
        const string value = "<b>Ada</b> & \"Bob\" \\ {{offer}} </script>";
        var filled = await RenderAsync(WithPlaceholders(), new { name = value, offer = "x" });
        var typed = await RenderAsync(Json("Dear " + value + ",", "x"), new { });

        Assert.That(filled.Pixels, Is.EqualTo(typed.Pixels));
    }

    [Test]
    public async Task An_image_src_placeholder_shows_the_items_image()
    {
        var logo = new Box(450, 300, 100, 80);
        var green = Png.DataUri(Png.Solid(logo.Width, logo.Height, 0, 160, 0));

        var poster = await RenderAsync(WithPlaceholders(Image(logo, "{{logo}}")), new { name = "Ada", offer = "x", logo = green });

        Assert.That(poster.IsNear(logo.Centre.X, logo.Centre.Y, (0, 160, 0)), Is.True, $"logo: {poster.Pixel(logo.Centre.X, logo.Centre.Y)}");
        Assert.That(poster.IsNear(logo.X - 5, logo.Centre.Y, (255, 255, 255)), Is.True, "only inside its box");
    }

    [Test]
    public async Task An_image_from_a_host_not_allowed_is_never_fetched_and_fails_the_poster()
    {
        var before = listener.Connections;
        var canvas = WithPlaceholders(Image(new Box(450, 300, 100, 80), "{{logo}}"));

        var failure = Assert.ThrowsAsync<RenderException>(() =>
            RenderAsync(canvas, new { name = "Ada", offer = "x", logo = $"http://127.0.0.1:{listener.Port}/logo.png" }));

        Assert.That(failure!.Message, Does.Contain("Image"));
        Assert.That(listener.Connections, Is.EqualTo(before), "the page reached the loopback listener");
    }

    [Test]
    public async Task A_canvas_draws_at_the_device_scale_factor()
    {
        var template = Template(WithPlaceholders(), []);
        var poster = await renderer.RenderAsync(template, JsonSerializer.SerializeToElement(new { name = "Ada", offer = "x" }),
            new RenderOptions(DeviceScaleFactor: 2), CancellationToken.None);
        var image = Png.Decode(poster.Content);

        Assert.That((image.Width, image.Height), Is.EqualTo((Width * 2, Height * 2)));
        Assert.That(image.IsNear(Blue.Centre.X * 2, Blue.Centre.Y * 2, (0, 0, 255)), Is.True);
        Assert.That(image.IsNear((Blue.X + Blue.Width) * 2 + 4, Blue.Centre.Y * 2, (255, 255, 255)), Is.True, "the rectangle scaled, not cropped");
    }

    private async Task<PngImage> RenderAsync(string canvas, object data, IReadOnlyList<VariableMapping>? mappings = null)
    {
        var poster = await renderer.RenderAsync(Template(canvas, mappings ?? []), JsonSerializer.SerializeToElement(data),
            new RenderOptions(), CancellationToken.None);
        return Png.Decode(poster.Content);
    }

    /// <summary>Each canvas its own version: the filler compiles a version once.</summary>
    private PosterTemplate Template(string canvas, IReadOnlyList<VariableMapping> mappings) =>
        new("dm-letter", Interlocked.Increment(ref version), null, null, Width, Height) { Canvas = new FabricCanvasTemplate(canvas, mappings) };
}
