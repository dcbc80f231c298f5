using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Rendering;

/// <summary>Templates that never finish fail by the time limit, and the pool keeps rendering.</summary>
public class RenderTimeLimitTests
{
    private const int TimeoutSeconds = 3;
    private static readonly JsonElement NoData = JsonSerializer.SerializeToElement(new { });
    private ChromiumPosterRenderer renderer = null!;

    [OneTimeSetUp]
    public void Start() => renderer = TestRenderer.Create(concurrency: 1, timeoutSeconds: TimeoutSeconds);

    [OneTimeTearDown]
    public async Task Stop() => await renderer.DisposeAsync();

    [TestCase("<script>while (true) {}</script>", TestName = "An endless script loop fails by the time limit and the next poster renders")]
    [TestCase("<div style=\"height:5000px\"></div><img loading=\"lazy\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
        TestName = "An image that never loads fails by the time limit and the next poster renders")]
    public async Task A_hung_template_fails_by_the_time_limit_and_the_next_poster_renders(string body)
    {
        var hung = new PosterTemplate("hung", 1, $"<html><body>{body}</body></html>", null, 300, 200);

        var exception = Assert.ThrowsAsync<RenderException>(() => renderer.RenderAsync(hung, NoData, new RenderOptions(), CancellationToken.None));
        Assert.That(exception!.Message, Does.Contain($"{TimeoutSeconds} s"));
        Assert.That(exception.IsPermanent, Is.False);

        // With one page in the pool, the next poster only renders if the hung page was replaced.
        var fine = new PosterTemplate("fine", 1, "<html><body style=\"background:#123\">ok</body></html>", null, 300, 200);
        var poster = await renderer.RenderAsync(fine, NoData, new RenderOptions(), CancellationToken.None);
        Assert.That(Png.Size(poster.Content), Is.EqualTo((300, 200)));
    }
}
