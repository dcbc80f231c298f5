using Microsoft.Playwright;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// One launched Chromium and the pages open on it. Retired after a number of renders or a crash;
/// it closes once the last of its pages has come back, so no render in flight is cut off.
/// </summary>
public sealed class BrowserSession(IBrowser browser, RequestRouter router)
{
    private int renders;
    private int outstanding;
    private bool retired;

    public IBrowser Browser { get; } = browser;
    public int Renders => Volatile.Read(ref renders);
    public bool IsUsable => !Volatile.Read(ref retired) && Browser.IsConnected;

    public async Task<RenderPage> OpenPageAsync(int width, int height, double scale)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = (float)scale,
            ServiceWorkers = ServiceWorkerPolicy.Block,
            AcceptDownloads = false,
        });
        try
        {
            var requests = new PageRequests(router);
            await context.RouteAsync("**/*", requests.RouteAsync);
            await context.RouteWebSocketAsync("**/*", socket => socket.CloseAsync());
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            Interlocked.Increment(ref outstanding);
            return new RenderPage(this, context, page, cdp, requests, width, height, scale);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    public void CountRender() => Interlocked.Increment(ref renders);

    /// <summary>A page of this session is gone for good.</summary>
    public async Task ReleasePageAsync()
    {
        if (Interlocked.Decrement(ref outstanding) == 0 && Volatile.Read(ref retired))
            await CloseAsync();
    }

    public async Task RetireAsync()
    {
        Volatile.Write(ref retired, true);
        if (Volatile.Read(ref outstanding) == 0)
            await CloseAsync();
    }

    private async Task CloseAsync()
    {
        try { await Browser.CloseAsync(); }
        catch (PlaywrightException) { /* already gone: the crash is why it was retired */ }
    }
}
