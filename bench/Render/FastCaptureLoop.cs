using Microsoft.Playwright;

namespace PosterGen.Bench.Render;

/// <summary>
/// The bar to meet: the fastest bare loop known here. K reused pages, each in its own context, set
/// the filled HTML and capture over CDP with <c>optimizeForSpeed</c>, nothing else. One browser is
/// the reference; with more, the pages are spread over them like the renderer's. Without
/// <c>optimizeForSpeed</c> it is the bar for <c>png_compression</c> <c>small</c>: Chromium's default encoding.
/// </summary>
public sealed class FastCaptureLoop : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly List<IBrowser> browsers;
    private readonly List<(IPage Page, ICDPSession Cdp)> pages;
    private readonly bool optimizeForSpeed;

    private FastCaptureLoop(IPlaywright playwright, List<IBrowser> browsers, List<(IPage, ICDPSession)> pages, bool optimizeForSpeed)
    {
        this.playwright = playwright;
        this.browsers = browsers;
        this.pages = pages;
        this.optimizeForSpeed = optimizeForSpeed;
    }

    public static async Task<FastCaptureLoop> StartAsync(int pageCount, int browserCount = 1, bool optimizeForSpeed = true)
    {
        var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        for (var i = 0; i < browserCount; i++)
            browsers.Add(await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            }));
        var pages = new List<(IPage, ICDPSession)>();
        for (var i = 0; i < pageCount; i++)
        {
            var context = await browsers[i % browserCount].NewContextAsync(new() { ViewportSize = new() { Width = 1080, Height = 1080 } });
            var page = await context.NewPageAsync();
            pages.Add((page, await context.NewCDPSessionAsync(page)));
        }
        return new FastCaptureLoop(playwright, browsers, pages, optimizeForSpeed);
    }

    public int PageCount => pages.Count;

    public async Task<byte[]> RenderAsync(int pageIndex, string html)
    {
        var (page, cdp) = pages[pageIndex];
        await page.SetContentAsync(html);
        var result = await cdp.SendAsync("Page.captureScreenshot", new Dictionary<string, object>
        {
            ["format"] = "png",
            ["optimizeForSpeed"] = optimizeForSpeed,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = 1080, ["height"] = 1080, ["scale"] = 1 },
        });
        return Convert.FromBase64String(result!.Value.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in browsers)
            await browser.CloseAsync();
        playwright.Dispose();
    }
}
