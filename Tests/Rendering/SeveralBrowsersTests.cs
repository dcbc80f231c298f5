using System.Diagnostics;
using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>
/// Pages spread over several browsers: all of them paint, and a browser that dies costs only the
/// renders it had in flight while the others keep rendering.
/// </summary>
[NonParallelizable]
public class SeveralBrowsersTests
{
    private static readonly PosterTemplate Template = new("browsers", 1,
        "<div style=\"width:200px;height:100px;background:hsl({{hue}},60%,40%);color:#fff;font:40px DejaVu Sans\">{{n}}</div>", null, 200, 100);

    private static JsonElement Data(int n) => JsonSerializer.SerializeToElement(new { n, hue = n * 37 % 360 });

    [Test]
    public async Task Four_pages_on_two_browsers_all_paint_within_the_time_limit()
    {
        var others = ChromiumProcesses.Browsers();
        await using var renderer = TestRenderer.Create(concurrency: 4, browsers: 2, timeoutSeconds: 10);

        var posters = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => renderer.RenderAsync(Template, Data(n), new RenderOptions(), CancellationToken.None)));

        Assert.That(posters.Select(p => Png.Size(p.Content)), Is.All.EqualTo((200, 100)));
        // A page that never painted would give the same blank image every time.
        Assert.That(posters.Select(p => Convert.ToBase64String(p.Content)).Distinct().Count(), Is.EqualTo(16));
        Assert.That(ChromiumProcesses.Browsers().Except(others).Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_killed_browser_is_replaced_while_the_other_keeps_rendering()
    {
        var others = ChromiumProcesses.Browsers();
        await using var renderer = TestRenderer.Create(concurrency: 2, browsers: 2, timeoutSeconds: 10);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(n => renderer.RenderAsync(Template, Data(n), new RenderOptions(), CancellationToken.None)));
        var browsers = ChromiumProcesses.Browsers().Except(others).ToList();
        Assert.That(browsers, Has.Count.EqualTo(2));
        var (killed, survivor) = (browsers[0], browsers[1]);

        using (var process = Process.GetProcessById(killed))
            process.Kill();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async n =>
        {
            try
            {
                return Png.Size((await renderer.RenderAsync(Template, Data(n), new RenderOptions(), CancellationToken.None)).Content) == (200, 100);
            }
            catch (RenderException exception) when (!exception.IsPermanent)
            {
                return false;
            }
        }));
        var after = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => renderer.RenderAsync(Template, Data(n), new RenderOptions(), CancellationToken.None)));

        // Only what the killed browser had in flight, or had just been handed, may fail.
        Assert.That(outcomes.Count(ok => ok), Is.GreaterThanOrEqualTo(10));
        Assert.That(after.Select(p => Png.Size(p.Content)), Is.All.EqualTo((200, 100)));
        var now = ChromiumProcesses.Browsers().Except(others).ToList();
        Assert.That(now, Has.Count.EqualTo(2));
        Assert.That(now, Does.Contain(survivor).And.Not.Contain(killed), "the surviving browser was never replaced");
    }
}
