using Microsoft.Playwright;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// One launched Chromium and the pages open on it. Retired after a number of renders or a crash;
/// it closes once the last of its pages has come back, so no render in flight is cut off.
/// With <paramref name="devToolsPort"/> its pages take screenshots over a <see cref="DevToolsChannel"/>.
/// </summary>
public sealed class BrowserSession(IBrowser browser, RequestRouter router, int? devToolsPort)
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
            var channel = await ConnectChannelAsync(cdp);
            Interlocked.Increment(ref outstanding);
            return new RenderPage(this, context, page, cdp, requests, width, height, scale, channel);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>A direct connection to the page, or none: screenshots then go over Playwright's session.</summary>
    private async Task<DevToolsChannel?> ConnectChannelAsync(ICDPSession cdp)
    {
        if (devToolsPort is not { } port) return null;
        var info = await cdp.SendAsync("Target.getTargetInfo");
        var targetId = info?.GetProperty("targetInfo").GetProperty("targetId").GetString();
        if (targetId is null) return null;
        try
        {
            return await DevToolsChannel.ConnectAsync(port, targetId, TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            return null;
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
