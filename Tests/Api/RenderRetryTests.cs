using System.Net.Http.Headers;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>
/// How a batch item that cannot be rendered ends: a permanent failure at once, a transient one after
/// every attempt; both as failed result rows with the reason, beside the items that rendered.
/// </summary>
public class RenderRetryTests() : EmbeddedServiceFixture(new Dictionary<string, string?> { ["Render:TimeoutSeconds"] = $"{TimeoutSeconds}" })
{
    private const int TimeoutSeconds = 2;

    [Test]
    public async Task A_missing_asset_fails_its_item_at_once_and_a_hung_page_after_three_attempts_while_the_rest_render()
    {
        // The raw {{{script}}} is the template's own choice; the asset name is plain text in a URL.
        await Client.UploadTemplateAsync("retries", """
            <html><body style="margin:0"><img src="https://assets.postergen.invalid/{{asset}}" style="width:50px;height:50px">
            {{{script}}}<p>{{n}}</p></body></html>
            """, 200, 100);
        var body = new ByteArrayContent(Png.Solid(2, 2, 200, 0, 0));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.That((int)(await Client.PutAsync("/api/templates/retries/assets/logo.png", body)).StatusCode, Is.EqualTo(201));

        var submitted = await Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = "retries",
            items = new[]
            {
                new { entity_id = "fine", n = "1", asset = "logo.png", script = "" },
                new { entity_id = "no-asset", n = "2", asset = "missing.png", script = "" },
                new { entity_id = "hangs", n = "3", asset = "logo.png", script = "<script>while (true) {}</script>" },
            },
        });
        Assert.That((int)submitted.StatusCode, Is.EqualTo(202), await submitted.Content.ReadAsStringAsync());
        var statusEndpoint = (await submitted.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!;
        var status = await Client.WaitForJobAsync(statusEndpoint);
        var details = await (await Client.GetAsync($"{statusEndpoint}?page_size=10")).ReadJsonAsync();
        var results = details.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("entity_id").GetString()!);

        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed_with_failures"));
        Assert.That((status.GetProperty("success_count").GetInt32(), status.GetProperty("failure_count").GetInt32()), Is.EqualTo((1, 2)));

        Assert.That(results["fine"].GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(results["fine"].GetProperty("attempts").GetInt32(), Is.EqualTo(1));

        Assert.That(results["no-asset"].GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(results["no-asset"].GetProperty("attempts").GetInt32(), Is.EqualTo(1), "a template error is not retried");
        Assert.That(results["no-asset"].GetProperty("error").GetString(), Does.Contain("asset 'missing.png'"));

        Assert.That(results["hangs"].GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(results["hangs"].GetProperty("attempts").GetInt32(), Is.EqualTo(3), "a time-out may pass, so it is tried again");
        Assert.That(results["hangs"].GetProperty("error").GetString(), Does.Contain($"longer than {TimeoutSeconds} s"));
    }
}
