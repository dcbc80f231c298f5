using System.Collections.Concurrent;
using PuppeteerSharp;

namespace PosterGen.Tests.Dashboard;

/// <summary>
/// A headless Chromium of the test's own on the dashboard, as an operator's browser: it records
/// every request it sends (URL and headers), accepts confirmation dialogs and keeps script errors
/// and whatever the page's Content-Security-Policy refused.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IBrowser browser;
    private readonly Uri baseAddress;

    private DashboardBrowser(IBrowser browser, IPage page, Uri baseAddress)
    {
        this.browser = browser;
        this.baseAddress = baseAddress;
        Page = page;
        page.Request += (_, e) => Requests.Enqueue(new SentRequest(e.Request.Url, new Dictionary<string, string>(e.Request.Headers, StringComparer.OrdinalIgnoreCase)));
        page.Dialog += async (_, e) => await e.Dialog.Accept();
        page.PageError += (_, e) => ScriptErrors.Enqueue(e.Message);
        // Chromium reports what a Content-Security-Policy refused as console errors.
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error && e.Message.Text.Contains("Content Security Policy"))
                ScriptErrors.Enqueue(e.Message.Text);
        };
    }

    public IPage Page { get; }
    public ConcurrentQueue<SentRequest> Requests { get; } = new();
    public ConcurrentQueue<string> ScriptErrors { get; } = new();

    public static async Task<DashboardBrowser> OpenAsync(Uri baseAddress)
    {
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = new Consumers.Rendering.ChromiumOptions().ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-extensions"],
            DefaultViewport = new ViewPortOptions { Width = 1280, Height = 1000 },
        });
        var page = await browser.NewPageAsync();
        var dashboard = new DashboardBrowser(browser, page, baseAddress);
        await page.GoToAsync(new Uri(baseAddress, "/").ToString(), WaitUntilNavigation.Load);
        return dashboard;
    }

    /// <summary>Goes to a view of the dashboard (<c>#/job/{id}</c>) as a click on a link would.</summary>
    public Task ShowAsync(string hash) => Page.EvaluateFunctionAsync("hash => { location.hash = hash; }", hash);

    public Task<T> EvaluateAsync<T>(string expression) => Page.EvaluateExpressionAsync<T>(expression);

    /// <summary>The text of the first element matching <paramref name="selector"/>, or "" while there is none.</summary>
    public Task<string> TextAsync(string selector) =>
        Page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    /// <summary>The data-status of the first element matching <paramref name="selector"/>, or "".</summary>
    public Task<string> StatusAsync(string selector) =>
        Page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.querySelector('[data-status]')?.dataset.status ?? ''", selector);

    public Task ClickAsync(string selector) => Page.ClickAsync(selector);

    /// <summary>Saves what the page shows under the repository's <c>TestResults/</c>.</summary>
    public async Task<string> ScreenshotAsync(string fileName)
    {
        var folder = Path.Combine(Repository.Root, "TestResults");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        await Page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }

    public string Explain() =>
        $"at {Page.Url}; script errors: [{string.Join("; ", ScriptErrors)}]; requests: {Requests.Count} ({baseAddress})";

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        browser.Dispose();
    }
}

public record SentRequest(string Url, IReadOnlyDictionary<string, string> Headers);
