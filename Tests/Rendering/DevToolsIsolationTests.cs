using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// The browser's DevTools server, which carries screenshots on loopback, cannot be driven by a page,
/// even one that knows its port and path: it would otherwise close or steer its own browser.
/// </summary>
[NonParallelizable]
public class DevToolsIsolationTests
{
    private static readonly JsonElement NoData = JsonSerializer.SerializeToElement(new { });

    [Test]
    public async Task A_page_that_knows_the_DevTools_port_cannot_close_its_browser()
    {
        var others = ChromiumProcesses.Browsers();
        await using var renderer = TestRenderer.Create(concurrency: 1, browsers: 1, timeoutSeconds: 10);
        var fine = new PosterTemplate("fine", 1, "<html><body style=\"background:#123\">ok</body></html>", null, 300, 200);
        await renderer.RenderAsync(fine, NoData, new RenderOptions(), CancellationToken.None);
        var browser = ChromiumProcesses.Browsers().Except(others).Single();
        var port = ChromiumProcesses.DevToolsPort(browser);

        var attack = new PosterTemplate("devtools", 1, $$"""
            <html><body>
            <iframe src="http://127.0.0.1:{{port}}/json/new?about:blank"></iframe>
            <img src="http://localhost:{{port}}/json/version">
            <script>
              for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
                fetch(`http://${host}:{{port}}/json/list`).catch(() => {});
                fetch(`http://${host}:{{port}}/json/close/x`, { method: 'PUT', mode: 'no-cors' }).catch(() => {});
                for (const path of ['{{ChromiumProcesses.DevToolsBrowserPath(browser)}}', '/devtools/page/x']) {
                  const socket = new WebSocket(`ws://${host}:{{port}}${path}`);
                  socket.onopen = () => socket.send(JSON.stringify({ id: 1, method: 'Browser.close' }));
                }
              }
            </script>
            </body></html>
            """, null, 300, 200);
        await renderer.RenderAsync(attack, NoData, new RenderOptions(), CancellationToken.None);
        // The attack page stays open in the pool while its requests run out.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.That(ChromiumProcesses.IsAlive(browser), Is.True, "the page closed its own browser");
        var poster = await renderer.RenderAsync(fine, NoData, new RenderOptions(), CancellationToken.None);
        Assert.That(Png.Size(poster.Content), Is.EqualTo((300, 200)));
        Assert.That(ChromiumProcesses.Browsers().Except(others), Is.EqualTo(new[] { browser }));
    }
}
