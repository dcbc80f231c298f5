using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Renders posters in <c>Render:Browsers</c> system Chromiums with a pool of <c>Render:Concurrency</c>
/// reused pages spread evenly over them. Chromium encodes screenshots on its browser process's main
/// thread, so one browser keeps about one core busy however many pages it has; more browsers are
/// how the other cores get used. Every render is bounded by <c>Render:TimeoutSeconds</c>; a page
/// that times out or breaks is thrown away and replaced. Each browser is replaced after
/// <c>Render:RecycleAfter</c> of its renders and after a crash, without cutting off renders in
/// flight, while the others keep rendering. <see cref="WarmUpAsync"/> starts every browser and page
/// before the first poster; without it they start on first use. PuppeteerSharp speaks DevTools from
/// this process: no driver process sits between it and Chromium.
/// </summary>
public sealed class ChromiumPosterRenderer : IPosterRenderer, IAsyncDisposable
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
        // Fewer processes per browser, each with its own copy of Chromium's memory: the software
        // compositor runs in the browser process, and children start without a zygote (there is no
        // sandbox for it to prepare). About 300 MiB less over two browsers, no slower.
        "--in-process-gpu", "--no-zygote",
        // Defence in depth behind request routing: anything that still reaches the network stack
        // (loopback included) is sent to a proxy that does not exist.
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ];

    private readonly RendererOptions options;
    private readonly ChromiumOptions chromium;
    private readonly TemplateCompiler compiler;
    private readonly FabricCanvasFiller canvases;
    private readonly RequestRouter router;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentQueue<Lane> idle = new();
    private readonly BrowserSlot[] browsers;

    public ChromiumPosterRenderer(
        IOptions<RendererOptions> rendererOptions,
        IOptions<ChromiumOptions> chromiumOptions,
        TemplateCompiler compiler,
        FabricCanvasFiller canvases,
        RequestRouter router,
        ILogger<ChromiumPosterRenderer> logger)
    {
        options = rendererOptions.Value;
        chromium = chromiumOptions.Value;
        this.compiler = compiler;
        this.canvases = canvases;
        this.router = router;
        slots = new SemaphoreSlim(options.Concurrency);
        browsers = Enumerable.Range(0, Math.Min(options.Browsers, options.Concurrency))
            .Select(index => new BrowserSlot(index, LaunchAsync, logger)).ToArray();
        for (var lane = 0; lane < options.Concurrency; lane++)
            idle.Enqueue(new Lane(browsers[lane % browsers.Length]));
    }

    public async Task<RenderedPoster> RenderAsync(PosterTemplate template, JsonElement data, RenderOptions renderOptions, CancellationToken cancellationToken)
    {
        var format = OutputFormat.Parse(renderOptions.Format);
        var (content, warnings) = await OnPageAsync(template, data, renderOptions, async (page, warnings) =>
            (await page.CaptureAsync(template, format, renderOptions.Quality), warnings), cancellationToken);
        // Off the page, which is back in the pool: the browser goes on with the next poster meanwhile.
        if (format == OutputFormat.Png && PngCompression.IsSmall(renderOptions.PngCompression))
            content = PngCompression.Shrink(content);

        var scale = renderOptions.DeviceScaleFactor;
        return new RenderedPoster(content, format.ContentType, format.FileExtension,
            (int)Math.Round(template.Width * scale), (int)Math.Round(template.Height * scale)) { Warnings = warnings };
    }

    public Task<IReadOnlyList<string>> InspectAsync(PosterTemplate template, JsonElement data, RenderOptions renderOptions, CancellationToken cancellationToken) =>
        OnPageAsync(template, data, renderOptions, (_, warnings) => Task.FromResult(warnings), cancellationToken);

    /// <summary>Prepares the filled poster on a pooled page, then does <paramref name="work"/> with it and its warnings.</summary>
    private async Task<T> OnPageAsync<T>(PosterTemplate template, JsonElement data, RenderOptions renderOptions,
        Func<RenderPage, IReadOnlyList<string>, Task<T>> work, CancellationToken cancellationToken)
    {
        // A canvas version is filled as JSON, an HTML one as markup; either way before a page is taken.
        var content = template.Canvas is null ? compiler.Fill(template, data) : canvases.Fill(template, data);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

        await slots.WaitAsync(cancellationToken);
        // As many lanes as slots: one is always free here.
        idle.TryDequeue(out var lane);
        var rendered = false;
        try
        {
            var page = await TakePageAsync(lane!, template, renderOptions.DeviceScaleFactor, cancellationToken);
            var result = await RenderOnAsync(page).WaitAsync(timeout, cancellationToken);
            page.Session.CountRender();
            rendered = true;
            return result;

            async Task<T> RenderOnAsync(RenderPage page) =>
                await work(page, await page.PrepareAsync(content, template, renderOptions.DeviceScaleFactor));
        }
        catch (TimeoutException exception)
        {
            throw new RenderException($"Rendering took longer than {options.TimeoutSeconds} s.", isPermanent: false, exception);
        }
        catch (PuppeteerException exception)
        {
            throw new RenderException($"Chromium failed to render: {exception.Message.Split('\n')[0]}", isPermanent: false, exception);
        }
        finally
        {
            if (!rendered && lane!.Page is { } broken)
            {
                lane.Page = null;
                await broken.CloseAsync();
            }
            idle.Enqueue(lane!);
            slots.Release();
        }
    }

    /// <summary>
    /// Launches every browser and opens every page of the pool by rendering a small poster on each
    /// lane at once, so that the first real poster pays for none of it (nor for the JIT of this path).
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var sample = new PosterTemplate("warm-up", 0,
            "<html><body style=\"margin:0;font:48px DejaVu Sans\"><p>PosterGen {{n}}</p></body></html>", null, 1080, 1080);
        var data = JsonSerializer.SerializeToElement(new { n = 1 });
        return Task.WhenAll(Enumerable.Range(0, options.Concurrency)
            .Select(_ => RenderAsync(sample, data, RenderOptions.Default, cancellationToken)));
    }

    /// <summary>The lane's page if it is on its browser's current session, else a new one.</summary>
    private async Task<RenderPage> TakePageAsync(Lane lane, PosterTemplate template, double scale, CancellationToken cancellationToken)
    {
        var current = await lane.Browser.CurrentAsync(options.RecycleAfter, cancellationToken);
        if (lane.Page is { } page)
        {
            if (page.Session == current) return page;
            lane.Page = null;
            await page.CloseAsync();
        }
        lane.Page = await current.OpenPageAsync(template.Width, template.Height, scale);
        return lane.Page;
    }

    private async Task<BrowserSession> LaunchAsync()
    {
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = chromium.ExecutablePath,
                Args = Arguments,
                Headless = true,
                // Every page gets the template's size; no default emulation to undo first.
                DefaultViewport = null,
            });
            // The blank tab Chromium opens at launch is never used: its renderer process is memory for nothing.
            foreach (var blank in await browser.PagesAsync())
                await blank.CloseAsync();
            return new BrowserSession(browser, router);
        }
        catch (Exception exception) when (exception is PuppeteerException or IOException or System.ComponentModel.Win32Exception)
        {
            throw new RenderException($"Chromium could not be started from '{chromium.ExecutablePath}': {exception.Message.Split('\n')[0]}",
                isPermanent: false, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryDequeue(out var lane))
            if (lane.Page is not null)
                await lane.Page.CloseAsync();
        foreach (var browser in browsers)
            await browser.RetireAsync();
    }

    /// <summary>One place in the pool: a page, kept between renders, on one browser.</summary>
    private sealed class Lane(BrowserSlot browser)
    {
        public BrowserSlot Browser { get; } = browser;
        public RenderPage? Page { get; set; }
    }
}
