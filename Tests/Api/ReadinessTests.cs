using System.Net;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>
/// A process that serves posters starts its browsers with it, and is ready only once they are up:
/// the first poster finds them running instead of launching one.
/// </summary>
[NonParallelizable]
public class ReadinessTests
{
    [Test]
    public async Task Readiness_waits_for_the_browsers_and_the_first_poster_launches_none()
    {
        var others = ChromiumProcesses.Browsers();
        await using var factory = new PosterGenFactory(new Dictionary<string, string?> { ["Render:Browsers"] = "2" });
        using var client = factory.CreateClient();

        using var ready = await Readiness.WaitAsync(client);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        var started = ChromiumProcesses.Browsers().Except(others).ToList();
        Assert.That(started, Has.Count.EqualTo(2), "both browsers run before the first poster");

        await client.UploadTemplateAsync("ready", "<div style=\"font:40px DejaVu Sans\">{{title}}</div>", 300, 200);
        var poster = await client.PostJsonAsync("/api/generate", new { template_id = "ready", custom_data = new { title = "First" } });

        Assert.That((int)poster.StatusCode, Is.EqualTo(200), await poster.Content.ReadAsStringAsync());
        Assert.That(ChromiumProcesses.Browsers().Except(others), Is.EqualTo(started), "the first poster launched a browser");
    }
}
