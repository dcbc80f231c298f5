using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Renders posters in one system Chromium with a pool of <c>Render:Concurrency</c> reused pages.
/// Every render is bounded by <c>Render:TimeoutSeconds</c>; a page that times out or breaks is
/// thrown away and replaced. The browser is replaced every <c>Render:RecycleAfter</c> renders and
/// after a crash, without cutting off renders in flight. It starts on the first render.
/// </summary>
public sealed class ChromiumPosterRenderer(
    IOptions<RendererOptions> rendererOptions,
    IOptions<ChromiumOptions> chromiumOptions,
    TemplateCompiler compiler,
    RequestRouter router,
    ILogger<ChromiumPosterRenderer> logger) : IPosterRenderer, IAsyncDisposable
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
        // Defence in depth behind request routing: anything that still reaches the network stack
        // (loopback included) is sent to a proxy that does not exist.
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    ];

    private readonly RendererOptions options = rendererOptions.Value;
    private readonly SemaphoreSlim slots = new(rendererOptions.Value.Concurrency);
    private readonly SemaphoreSlim launching = new(1);
    private readonly ConcurrentQueue<RenderPage> idle = new();
    private IPlaywright? playwright;
    private BrowserSession? session;

    public async Task<RenderedPoster> RenderAsync(PosterTemplate template, JsonElement data, RenderOptions renderOptions, CancellationToken cancellationToken)
    {
        var format = OutputFormat.Parse(renderOptions.Format);
        var html = compiler.Fill(template, data);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

        await slots.WaitAsync(cancellationToken);
        RenderPage? page = null;
        try
        {
            page = await TakePageAsync(template, renderOptions.DeviceScaleFactor, cancellationToken);
            var content = await page.RenderAsync(html, template, format, renderOptions.Quality, timeout).WaitAsync(timeout, cancellationToken);
            page.Session.CountRender();
            idle.Enqueue(page);
            page = null;

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
        finally
        {
            if (page is not null)
                await page.CloseAsync();
            slots.Release();
        }
    }

    private async Task<RenderPage> TakePageAsync(PosterTemplate template, double scale, CancellationToken cancellationToken)
    {
        var current = await CurrentSessionAsync(cancellationToken);
        while (idle.TryDequeue(out var page))
        {
            if (page.Session == current && page.Scale == scale) return page;
            await page.CloseAsync();
        }
        return await current.OpenPageAsync(template.Width, template.Height, scale);
    }

    private async Task<BrowserSession> CurrentSessionAsync(CancellationToken cancellationToken)
    {
        var current = session;
        if (current is { IsUsable: true } && current.Renders < options.RecycleAfter) return current;

        await launching.WaitAsync(cancellationToken);
        try
        {
            if (session is { IsUsable: true } && session.Renders < options.RecycleAfter) return session;
            if (session is not null)
            {
                logger.LogInformation("Replacing the browser after {Renders} renders (connected: {Connected})",
                    session.Renders, session.Browser.IsConnected);
                await session.RetireAsync();
            }

            playwright ??= await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromiumOptions.Value.ExecutablePath,
                Args = Arguments,
                Headless = true,
            });
            session = new BrowserSession(browser, router);
            return session;
        }
        catch (PlaywrightException exception)
        {
            throw new RenderException($"Chromium could not be started from '{chromiumOptions.Value.ExecutablePath}': {exception.Message.Split('\n')[0]}",
                isPermanent: false, exception);
        }
        finally
        {
            launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryDequeue(out var page))
            await page.CloseAsync();
        if (session is not null)
            await session.RetireAsync();
        playwright?.Dispose();
    }
}
