using Microsoft.Playwright;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// A reused page in a browser context of its own (several tabs in one context may never paint in
/// the background), with a CDP session for fast screenshots and, where the browser allows one, a
/// direct <see cref="DevToolsChannel"/> that carries them without Playwright's driver in between.
/// </summary>
public sealed class RenderPage(BrowserSession session, IBrowserContext context, IPage page, ICDPSession cdp, PageRequests requests,
    int width, int height, double scale, DevToolsChannel? channel = null)
{
    private const string WaitForFontsAndImages = """
        async () => {
          await document.fonts.ready;
          await Promise.all(Array.from(document.images, image => image.complete ? null
            : new Promise(done => { image.onload = image.onerror = done; })));
        }
        """;

    public BrowserSession Session { get; } = session;
    public double Scale { get; } = scale;

    public async Task<byte[]> RenderAsync(string html, PosterTemplate template, OutputFormat format, int quality, TimeSpan timeout)
    {
        if (template.Width != width || template.Height != height)
        {
            await page.SetViewportSizeAsync(template.Width, template.Height);
            (width, height) = (template.Width, template.Height);
        }

        requests.Begin(template);
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = (float)timeout.TotalMilliseconds });
        await page.EvaluateAsync(WaitForFontsAndImages);
        requests.ThrowIfFailed();

        if (format == OutputFormat.Pdf)
            return await page.PdfAsync(new PagePdfOptions
            {
                Width = $"{template.Width}px",
                Height = $"{template.Height}px",
                PrintBackground = true,
                PageRanges = "1",
            });

        // Chromium encodes screenshots on its browser process; optimizeForSpeed halves that cost
        // (files somewhat larger). The viewport is the template's size, so at scale 1 the plain
        // viewport capture is exactly the poster. A capture is at scale 1 whatever the context's
        // device scale factor, so hi-DPI needs a clip with its own scale.
        var arguments = new Dictionary<string, object>
        {
            ["format"] = format.Name,
            ["optimizeForSpeed"] = true,
            ["captureBeyondViewport"] = false,
        };
        if (Scale != 1)
            arguments["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = template.Width, ["height"] = template.Height, ["scale"] = Scale };
        if (format != OutputFormat.Png)
            arguments["quality"] = quality;
        if (channel is not null)
            return await channel.CaptureScreenshotAsync(arguments, timeout);
        var result = await cdp.SendAsync("Page.captureScreenshot", arguments)
            ?? throw new RenderException("Chromium returned no screenshot.", isPermanent: false);
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async Task CloseAsync()
    {
        if (channel is not null)
            await channel.DisposeAsync();
        try
        {
            await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            // A hung or crashed page: its browser is retired or recycled in time anyway.
        }
        await Session.ReleasePageAsync();
    }
}
