using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// A rendering page reaches nothing: a listener on loopback watches while templates and values try
/// every way a page can make a request, and must never see a connection.
/// </summary>
public class RequestIsolationTests
{
    private ChromiumPosterRenderer renderer = null!;
    private LoopbackListener listener = null!;

    [OneTimeSetUp]
    public void Start()
    {
        renderer = TestRenderer.Create(timeoutSeconds: 15);
        listener = new LoopbackListener();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await listener.DisposeAsync();
        await renderer.DisposeAsync();
    }

    private int Port => listener.Port;

    private static IEnumerable<TestCaseData> Attempts()
    {
        yield return Case("img", """<img src="http://127.0.0.1:{port}/img">""");
        yield return Case("img by host name", """<img src="http://localhost:{port}/img">""");
        yield return Case("css url()", """<div style="width:100px;height:100px;background:url(http://127.0.0.1:{port}/bg)"></div>""");
        yield return Case("css @import", """<style>@import url("http://127.0.0.1:{port}/import.css");</style>""");
        yield return Case("web font", """<style>@font-face{font-family:x;src:url(http://127.0.0.1:{port}/font.woff2)}</style><p style="font-family:x">A</p>""");
        yield return Case("stylesheet link", """<link rel="stylesheet" href="http://127.0.0.1:{port}/link.css">""");
        yield return Case("prefetch link", """<link rel="prefetch" href="http://127.0.0.1:{port}/prefetch"><link rel="preconnect" href="http://127.0.0.1:{port}">""");
        yield return Case("iframe", """<iframe src="http://127.0.0.1:{port}/frame"></iframe>""");
        yield return Case("fetch", """<script>fetch("http://127.0.0.1:{port}/fetch").catch(() => {});</script>""");
        yield return Case("xhr and beacon", """<script>const x = new XMLHttpRequest(); x.open("GET", "http://127.0.0.1:{port}/xhr"); x.send(); navigator.sendBeacon("http://127.0.0.1:{port}/beacon", "b");</script>""");
        yield return Case("websocket", """<script>try { new WebSocket("ws://127.0.0.1:{port}/ws"); } catch (e) {}</script>""");
        yield return Case("event source", """<script>new EventSource("http://127.0.0.1:{port}/events");</script>""");
        yield return Case("meta refresh", """<meta http-equiv="refresh" content="0;url=http://127.0.0.1:{port}/refresh"><p>A</p>""");
        yield return Case("script navigation", """<script>location.href = "http://127.0.0.1:{port}/navigate";</script>""");
        yield return Case("form post", """<form method="post" action="http://127.0.0.1:{port}/form"></form><script>document.forms[0].submit();</script>""");
        yield return Case("window.open", """<script>window.open("http://127.0.0.1:{port}/popup");</script>""");
        yield return Case("worker", """<script>try { new Worker("http://127.0.0.1:{port}/worker.js"); } catch (e) {}</script>""");
        yield return Case("raw value the template declares", "<div>{{{html}}}</div>",
            """<img src="http://127.0.0.1:{port}/raw"><iframe src="http://127.0.0.1:{port}/raw-frame"></iframe>""");
        yield return Case("escaped value", "<div>{{html}}</div>",
            """<img src="http://127.0.0.1:{port}/escaped"><script>fetch("http://127.0.0.1:{port}/escaped-fetch")</script>""");
    }

    private static TestCaseData Case(string name, string template, string? value = null) =>
        new TestCaseData(template, value) { TestName = $"A page cannot reach loopback through {name}" };

    [TestCaseSource(nameof(Attempts))]
    public async Task A_page_cannot_reach_loopback(string template, string? value)
    {
        var before = listener.Connections;
        var html = $"<html><body style=\"margin:0\">{template.Replace("{port}", Port.ToString())}</body></html>";
        var data = JsonSerializer.SerializeToElement(new Dictionary<string, string?> { ["html"] = value?.Replace("{port}", Port.ToString()) });

        await RenderIgnoringFailuresAsync(new PosterTemplate("attack", 1, html, null, 400, 300), data);
        // Requests a page starts after the screenshot would still arrive: give them time.
        await Task.Delay(500);

        Assert.That(listener.Connections - before, Is.Zero, "the page reached the loopback listener");
    }

    private async Task RenderIgnoringFailuresAsync(PosterTemplate template, JsonElement data)
    {
        try
        {
            await renderer.RenderAsync(template, data, new RenderOptions(), CancellationToken.None);
        }
        catch (RenderException)
        {
            // A page that navigated itself away may fail to render; what matters is where it went.
        }
    }
}
