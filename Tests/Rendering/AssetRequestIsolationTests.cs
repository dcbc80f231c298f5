using System.Text.Json;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// Template assets and allow-listed images are answered inside the render process: a loopback
/// listener, reachable under allow-listed names, never sees a connection, whether the page loads
/// an asset, a look-alike of an asset URL or an allow-listed URL that points at loopback.
/// </summary>
public class AssetRequestIsolationTests
{
    private static readonly JsonElement NoData = JsonSerializer.SerializeToElement(new { });

    private LoopbackListener listener = null!;
    private ChromiumPosterRenderer renderer = null!;
    private PosterAsset logo = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        listener = new LoopbackListener();
        folder = Path.Combine(Path.GetTempPath(), "postergen-tests", Guid.NewGuid().ToString("N"));
        var storage = new LocalFolderStorage(Options.Create(new StorageOptions { Local = { Path = folder } }));
        var stored = await storage.SaveAsync("template-assets/iso/logo.png", Png.Solid(4, 4, 250, 0, 0), "image/png", CancellationToken.None);
        logo = new PosterAsset("logo.png", "image/png", stored.Key, "ab12");
        renderer = TestRenderer.Create(timeoutSeconds: 15, images: new ImageHostOptions { AllowedHosts = ["localhost", "127.0.0.1"] }, storage: storage);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await renderer.DisposeAsync();
        await listener.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task An_asset_is_served_from_storage_without_a_connection()
    {
        var template = Template("""<img src="https://assets.postergen.invalid/logo.png" style="width:100px;height:100px">""");

        var poster = Png.Decode((await renderer.RenderAsync(template, NoData, RenderOptions.Default, CancellationToken.None)).Content);

        Assert.That(poster.IsNear(50, 50, (250, 0, 0)), Is.True, $"drawn: {poster.Pixel(50, 50)}");
        Assert.That(listener.Connections, Is.Zero);
    }

    [TestCase("https://assets.postergen.invalid:{port}/logo.png")]
    [TestCase("http://assets.postergen.invalid/logo.png")]
    [TestCase("https://localhost:{port}/logo.png")]
    [TestCase("https://127.0.0.1:{port}/logo.png")]
    public async Task Look_alike_asset_urls_and_allow_listed_names_for_loopback_reach_nothing(string url)
    {
        var before = listener.Connections;
        var src = url.Replace("{port}", listener.Port.ToString());
        var template = Template($$"""<img src="{{src}}"><div style="width:50px;height:50px;background:url({{src}})"></div><script>fetch("{{src}}").catch(() => {})</script>""");

        try
        {
            await renderer.RenderAsync(template, NoData, RenderOptions.Default, CancellationToken.None);
        }
        catch (RenderException)
        {
            // Refusing an allow-listed image fails the poster with its reason; where it went is what matters here.
        }
        await Task.Delay(300);

        Assert.That(listener.Connections - before, Is.Zero);
    }

    private PosterTemplate Template(string body) =>
        new PosterTemplate("iso", 1, $"<html><body style=\"margin:0;background:#fff\">{body}</body></html>", null, 200, 200) { Assets = [logo] };
}
