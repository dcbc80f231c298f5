using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Renders posters in <c>Render:Browsers</c> system Chromiums with a pool of <c>Render:Concurrency</c>
/// reused pages spread evenly over them. Chromium encodes screenshots on its browser process's main
/// thread, so one browser keeps about one core busy however many pages it has; more browsers are
/// how the other cores get used. Every render is bounded by <c>Render:TimeoutSeconds</c>; a page
/// that times out or breaks is thrown away and replaced. Each browser is replaced after
/// <c>Render:RecycleAfter</c> of its renders and after a crash, without cutting off renders in
/// flight, while the others keep rendering. Browsers start on first use.
/// </summary>
public sealed class ChromiumPosterRenderer : IPosterRenderer, IAsyncDisposable
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
        // Defence in depth behind request routing: anything that still reaches the network stack
        // (loopback included) is sent to a proxy that does not exist.
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        // A DevTools server on a loopback port Chromium picks, for the direct screenshot channel
        // (DevToolsChannel); automation mode lets its port be found from the command line.
        "--remote-debugging-port=0", "--enable-automation",
    ];

    private readonly RendererOptions options;
    private readonly ChromiumOptions chromium;
    private readonly TemplateCompiler compiler;
    private readonly RequestRouter router;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim starting = new(1);
    private readonly ConcurrentQueue<Lane> idle = new();
    private readonly BrowserSlot[] browsers;
    private IPlaywright? playwright;

    public ChromiumPosterRenderer(
        IOptions<RendererOptions> rendererOptions,
        IOptions<ChromiumOptions> chromiumOptions,
        TemplateCompiler compiler,
        RequestRouter router,
        ILogger<ChromiumPosterRenderer> logger)
    {
        options = rendererOptions.Value;
        chromium = chromiumOptions.Value;
        this.compiler = compiler;
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
        var html = compiler.Fill(template, data);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

        await slots.WaitAsync(cancellationToken);
        // As many lanes as slots: one is always free here.
        idle.TryDequeue(out var lane);
        var rendered = false;
        try
        {
            var page = await TakePageAsync(lane!, template, renderOptions.DeviceScaleFactor, cancellationToken);
            var content = await page.RenderAsync(html, template, format, renderOptions.Quality, timeout).WaitAsync(timeout, cancellationToken);
            page.Session.CountRender();
            rendered = true;

            var scale = renderOptions.DeviceScaleFactor;
            return new RenderedPoster(content, format.ContentType, format.FileExtension,
                (int)Math.Round(template.Width * scale), (int)Math.Round(template.Height * scale));
        }
        catch (TimeoutException exception)
        {
            throw new RenderException($"Rendering took longer than {options.TimeoutSeconds} s.", isPermanent: false, exception);
        }
        catch (PlaywrightException exception)
        {
            throw new RenderException($"Chromium failed to render: {exception.Message.Split('\n')[0]}", isPermanent: false, exception);
        }
        catch (System.Net.WebSockets.WebSocketException exception)
        {
            throw new RenderException($"Chromium failed to render: {exception.Message}", isPermanent: false, exception);
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

    /// <summary>The lane's page if it is on its browser's current session at this scale, else a new one.</summary>
    private async Task<RenderPage> TakePageAsync(Lane lane, PosterTemplate template, double scale, CancellationToken cancellationToken)
    {
        var current = await lane.Browser.CurrentAsync(options.RecycleAfter, cancellationToken);
        if (lane.Page is { } page)
        {
            if (page.Session == current && page.Scale == scale) return page;
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
            await starting.WaitAsync();
            try
            {
                playwright ??= await Playwright.CreateAsync();
            }
            finally
            {
                starting.Release();
            }
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium.ExecutablePath,
                Args = Arguments,
                Headless = true,
            });
            return new BrowserSession(browser, router, await DevToolsChannel.FindPortAsync(browser));
        }
        catch (PlaywrightException exception)
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
        playwright?.Dispose();
    }

    /// <summary>One place in the pool: a page, kept between renders, on one browser.</summary>
    private sealed class Lane(BrowserSlot browser)
    {
        public BrowserSlot Browser { get; } = browser;
        public RenderPage? Page { get; set; }
    }
}
