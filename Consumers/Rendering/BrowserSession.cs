using PuppeteerSharp;

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

    /// <summary>
    /// A page in a browser context of its own (several tabs in one context may never paint in the
    /// background), every request it makes answered by <see cref="RequestRouter"/>.
    /// </summary>
    public async Task<RenderPage> OpenPageAsync(int width, int height, double scale)
    {
        var context = await Browser.CreateBrowserContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var requests = new PageRequests(router);
            page.Request += requests.OnRequest;
            // Nothing may stop a render to wait for a person: dialogs are dismissed, popups closed
            // (they would escape the page's request handler; the dead proxy stops them meanwhile).
            page.Dialog += (_, e) => _ = DismissAsync(e.Dialog);
            page.Popup += (_, e) => _ = ClosePopupAsync(e.PopupPage);
            await page.SetRequestInterceptionAsync(true);
            await page.SetBypassServiceWorkerAsync(true);
            await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height, DeviceScaleFactor = scale });
            Interlocked.Increment(ref outstanding);
            return new RenderPage(this, context, page, requests, width, height, scale);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    private static async Task DismissAsync(Dialog dialog)
    {
        try { await dialog.Dismiss(); }
        catch (PuppeteerException) { /* the page went on without it */ }
    }

    private static async Task ClosePopupAsync(IPage popup)
    {
        try { await popup.CloseAsync(); }
        catch (PuppeteerException) { /* already gone */ }
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
        catch (PuppeteerException) { /* already gone: the crash is why it was retired */ }
    }
}
