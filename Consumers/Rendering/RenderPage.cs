using PuppeteerSharp;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// A reused page in a browser context of its own. Screenshots are taken with a raw
/// <c>Page.captureScreenshot</c> over the page's own DevTools session: PuppeteerSharp's screenshot
/// call waits in a queue shared by every page of the browser, which would serialize the pool.
/// </summary>
public sealed class RenderPage(BrowserSession session, IBrowserContext context, IPage page, PageRequests requests,
    int width, int height, double scale)
{
    /// <summary>
    /// Writes the poster into the page and waits for its load event, fonts and images, in one
    /// round trip: at one page per browser every poster waits for each of them in turn.
    /// </summary>
    private const string WriteAndWait = """
        async html => {
          document.open();
          document.write(html);
          document.close();
          if (document.readyState !== 'complete')
            await new Promise(loaded => window.addEventListener('load', loaded, { once: true }));
          await document.fonts.ready;
          await Promise.all(Array.from(document.images, image => image.complete ? null
            : new Promise(done => { image.onload = image.onerror = done; })));
        }
        """;

    public BrowserSession Session { get; } = session;

    /// <summary>
    /// Loads the poster and waits for its fonts and images (or draws its Fabric.js canvas); fits its
    /// text. The warnings, if any.
    /// </summary>
    /// <param name="content">The filled HTML page, or for a Fabric.js canvas version the filled canvas JSON.</param>
    public async Task<IReadOnlyList<string>> PrepareAsync(string content, PosterTemplate template, double deviceScale)
    {
        if (template.Width != width || template.Height != height || deviceScale != scale)
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = template.Width, Height = template.Height, DeviceScaleFactor = deviceScale });
            (width, height, scale) = (template.Width, template.Height, deviceScale);
        }

        requests.Begin(template);
        await page.EvaluateFunctionAsync(WriteAndWait, template.Canvas is null ? content : FabricCanvasPage.Html(template));
        if (template.Canvas is not null)
            await DrawCanvasAsync(content, template);
        requests.ThrowIfFailed();
        // Asked of the template, as the render cache asks it: a value that merely reads "data-fit" marks nothing.
        return TextFitting.Applies(template.Html) ? await TextFitting.FitAsync(page) : [];
    }

    /// <summary>The prepared poster as a file.</summary>
    public async Task<byte[]> CaptureAsync(PosterTemplate template, OutputFormat format, int quality)
    {
        if (format == OutputFormat.Pdf)
            return await page.PdfDataAsync(new PdfOptions
            {
                Width = $"{template.Width}px",
                Height = $"{template.Height}px",
                PrintBackground = true,
                PageRanges = "1",
            });

        // Chromium encodes screenshots on its browser process; optimizeForSpeed halves that cost
        // (files somewhat larger). The viewport is the template's size at the device scale factor,
        // so the plain viewport capture is exactly the poster.
        var arguments = new Dictionary<string, object>
        {
            ["format"] = format.Name,
            ["optimizeForSpeed"] = true,
            ["captureBeyondViewport"] = false,
        };
        if (format != OutputFormat.Png)
            arguments["quality"] = quality;
        var screenshot = await page.Client.SendAsync<CapturedScreenshot>("Page.captureScreenshot", arguments);
        return screenshot.Data is { Length: > 0 } data ? data : throw new RenderException("Chromium returned no screenshot.", isPermanent: false);
    }

    private async Task DrawCanvasAsync(string canvasJson, PosterTemplate template)
    {
        var failure = await page.EvaluateFunctionAsync<string?>(FabricCanvasPage.Draw, canvasJson, template.Width, template.Height);
        // An image or asset the router refused explains a failed load better than Fabric.js does.
        requests.ThrowIfFailed();
        if (failure is not null)
            throw new RenderException($"The canvas could not be drawn: {failure}", isPermanent: true);
    }

    public async Task CloseAsync()
    {
        try
        {
            await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is PuppeteerException or TimeoutException)
        {
            // A hung or crashed page: its browser is retired or recycled in time anyway.
        }
        await Session.ReleasePageAsync();
    }

    /// <summary>The answer to <c>Page.captureScreenshot</c>; the JSON reader decodes the base64 straight into bytes.</summary>
    private sealed record CapturedScreenshot(byte[] Data);
}
