using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;

namespace PosterGen.Tests.Support;

/// <summary>The project's Chromium renderer on the system Chromium, outside any host.</summary>
public static class TestRenderer
{
    /// <param name="images">Allowed image hosts and limits; none by default.</param>
    /// <param name="storage">Where template assets are read from; an empty folder by default.</param>
    public static ChromiumPosterRenderer Create(int concurrency = 2, int timeoutSeconds = 30, int recycleAfter = 500,
        ImageHostOptions? images = null, IPosterStorage? storage = null, int? browsers = null)
    {
        var imageOptions = Options.Create(images ?? new ImageHostOptions());
        storage ??= new LocalFolderStorage(Options.Create(new StorageOptions
        {
            Local = { Path = Path.Combine(Path.GetTempPath(), "postergen-tests", Guid.NewGuid().ToString("N")) },
        }));
        return new(Options.Create(new RendererOptions
            {
                Concurrency = concurrency, TimeoutSeconds = timeoutSeconds, RecycleAfter = recycleAfter,
                Browsers = browsers ?? new RendererOptions().Browsers,
            }),
            Options.Create(new ChromiumOptions()),
            new TemplateCompiler(),
            new FabricCanvasFiller(),
            new RequestRouter(new RequestPolicy(imageOptions), new AssetCache(storage), new RemoteImageFetcher(imageOptions), new FabricLibrary()),
            NullLogger<ChromiumPosterRenderer>.Instance);
    }
}
