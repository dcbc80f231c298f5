using System.Diagnostics;
using Microsoft.Playwright;

namespace PosterGen.Bench.Pipeline;

/// <summary>
/// The baseline: what a team gets from Playwright with no pipeline at all. K pages, each in its own
/// context, share the posters; SetContent then the default PNG screenshot, nothing stored.
/// </summary>
public static class BareLoop
{
    public static async Task<TimeSpan> RunAsync(PosterFixture poster, int count, int pages)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var workers = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1080, Height = 1080 } });
            workers.Add(await context.NewPageAsync());
        }
        await RenderAsync(workers[0], poster.Filled(0));

        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(async page =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await RenderAsync(page, poster.Filled(i));
        }));
        return stopwatch.Elapsed;
    }

    private static async Task RenderAsync(IPage page, string html)
    {
        await page.SetContentAsync(html);
        await page.ScreenshotAsync(new() { Type = ScreenshotType.Png });
    }
}
