using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary><c>data-fit</c> boxes in real Chromium: text shrinks into its box, or the result says it does not fit.</summary>
public class TextFittingTests
{
    // The box: 320x140 at (40, 40) on a white 400x300 poster, 96px text on 125px lines, black: one line fits.
    private const int Left = 40, Top = 40, Width = 320, Height = 140;
    private static readonly (byte, byte, byte) White = (255, 255, 255);

    private static readonly PosterTemplate Fitted = Template("fitted", "data-fit");
    private static readonly PosterTemplate Unfitted = Template("unfitted", "");
    private ChromiumPosterRenderer renderer = null!;

    [OneTimeSetUp]
    public void Start() => renderer = TestRenderer.Create();

    [OneTimeTearDown]
    public async Task Stop() => await renderer.DisposeAsync();

    [Test]
    public async Task A_long_headline_shrinks_until_nothing_is_drawn_outside_its_box()
    {
        var poster = await RenderAsync(Fitted, "Everything in the shop must go before the summer ends");

        var image = Png.Decode(poster.Content);
        var outside = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if ((x < Left || x >= Left + Width || y < Top || y >= Top + Height) && !image.IsNear(x, y, White, tolerance: 0))
                    outside++;
        Assert.That(outside, Is.Zero, "pixels drawn outside the data-fit box");
        Assert.That(InkInBox(image), Is.GreaterThan(2000), "the headline is drawn, smaller, inside its box");
        Assert.That(poster.Warnings, Is.Empty);

        var overflowing = Png.Decode((await RenderAsync(Unfitted, "Everything in the shop must go before the summer ends")).Content);
        Assert.That(Enumerable.Range(Top + Height, image.Height - Top - Height).Any(y => !overflowing.IsNear(Left + 10, y, White, 0)
            || Enumerable.Range(Left, Width).Any(x => !overflowing.IsNear(x, y, White, 0))), Is.True,
            "without data-fit the same headline overflows its box, so the test can tell");
    }

    [Test]
    public async Task A_short_headline_keeps_its_size()
    {
        var fitted = await RenderAsync(Fitted, "Sale");
        var unfitted = await RenderAsync(Unfitted, "Sale");

        Assert.That(Png.Decode(fitted.Content).Pixels, Is.EqualTo(Png.Decode(unfitted.Content).Pixels));
        Assert.That(fitted.Warnings, Is.Empty);
    }

    [Test]
    public async Task A_headline_that_overflows_at_its_minimum_is_rendered_with_a_warning_naming_it()
    {
        var template = new PosterTemplate("impossible", 1, """
            <html><body style="margin:0;background:#fff">
            <div id="headline" data-fit data-fit-min="60" style="width:200px;height:60px;font:96px DejaVu Sans">{{headline}}</div>
            <section><p>Fine</p><p data-fit style="width:100px;height:20px;font:40px DejaVu Sans">{{headline}}</p></section>
            </body></html>
            """, null, 400, 300);
        var data = JsonSerializer.SerializeToElement(new { headline = "Everything in the shop must go" });

        var poster = await renderer.RenderAsync(template, data, new RenderOptions(), CancellationToken.None);
        var inspected = await renderer.InspectAsync(template, data, new RenderOptions(), CancellationToken.None);

        Assert.That(Png.Size(poster.Content), Is.EqualTo((400, 300)));
        string[] expected = ["text_overflow: #headline", "text_overflow: body > section > p:nth-of-type(2)"];
        Assert.That(poster.Warnings, Is.EqualTo(expected));
        Assert.That(inspected, Is.EqualTo(expected));
    }

    private Task<RenderedPoster> RenderAsync(PosterTemplate template, string headline) =>
        renderer.RenderAsync(template, JsonSerializer.SerializeToElement(new { headline }), new RenderOptions(), CancellationToken.None);

    private static int InkInBox(PngImage image)
    {
        var ink = 0;
        for (var y = Top; y < Top + Height; y++)
            for (var x = Left; x < Left + Width; x++)
                if (!image.IsNear(x, y, White, tolerance: 0)) ink++;
        return ink;
    }

    private static PosterTemplate Template(string key, string fit) => new(key, 1, $"""
        <html><body style="margin:0;background:#fff">
        <div {fit} style="position:absolute;left:{Left}px;top:{Top}px;width:{Width}px;height:{Height}px;font:96px/1.3 DejaVu Sans;color:#000">{"{{headline}}"}</div>
        </body></html>
        """, null, 400, 300);
}
