using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// The renderer speaks DevTools to Chromium from this process: the browsers are its own children,
/// and no driver process (Playwright's Node) runs anywhere under it.
/// </summary>
[NonParallelizable]
public class DriverlessRendererTests
{
    [Test]
    public async Task Browsers_are_children_of_the_render_process_and_no_Node_process_runs_under_it()
    {
        var others = ChromiumProcesses.Browsers();
        await using var renderer = TestRenderer.Create(concurrency: 2, browsers: 2, timeoutSeconds: 10);
        var template = new PosterTemplate("driverless", 1, "<html><body style=\"background:#345\">{{n}}</body></html>", null, 200, 100);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(n =>
            renderer.RenderAsync(template, JsonSerializer.SerializeToElement(new { n }), new RenderOptions(), CancellationToken.None)));

        var browsers = ChromiumProcesses.Browsers().Except(others).ToList();
        Assert.That(browsers, Has.Count.EqualTo(2));
        Assert.That(browsers.Select(ChromiumProcesses.ParentOf), Is.All.EqualTo(Environment.ProcessId));
        Assert.That(ChromiumProcesses.DescendantExecutables(), Does.Contain("chromium").And.No.EqualTo("node"));
    }
}
