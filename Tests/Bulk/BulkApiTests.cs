using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Bulk;

/// <summary>Seed 002's frontend's bulk request, sent as it sends it, through HTTP with real Chromium.</summary>
public class BulkApiTests : EmbeddedServiceFixture
{
    /// <summary>Seed 002's request body, byte for byte in its own camelCase.</summary>
    private const string SeedRequest = """
        {"bulkMethod": "csv", "csvData": [{"name": "Ada Lovelace", "role": "Analyst"}, {"name": "Alan Turing", "role": "Codebreaker"}, {"name": "Grace Hopper", "role": "Admiral"}], "csvTemplate": "<html><body style=\"margin:0\"><div style=\"width:1080px;height:1080px;background:#1d3557;color:#fff;font:64px DejaVu Sans\"><h1>{{name}}</h1><p>{{role}}</p></div></body></html>", "csvColumns": ["name", "role"], "size": "instagram-square"}
        """;

    [Test]
    public async Task The_seed_request_renders_1080_square_posters_and_its_stream_ends_with_job_completed()
    {
        using var accepted = await PostAsync(SeedRequest);

        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadJsonAsync();
        var jobId = job.GetProperty("job_id").GetGuid();
        Assert.That(job.GetProperty("sse_endpoint").GetString(), Is.EqualTo($"/api/batch/jobs/{jobId}/stream"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);
        Assert.That(events.Last().Event, Is.EqualTo("job_completed"));
        Assert.That(events.Last().Json.GetProperty("success_count").GetInt32(), Is.EqualTo(3));
        foreach (var poster in events.Where(e => e.Event == "poster_completed"))
            Assert.That(Png.Size(await Client.GetByteArrayAsync(poster.Json.GetProperty("poster_url").GetString())), Is.EqualTo((1080, 1080)));

        var status = await (await Client.GetAsync($"/api/batch/jobs/{jobId}")).ReadJsonAsync();
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(status.GetProperty("results").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_same_inline_html_sent_twice_is_one_template_version()
    {
        var html = $"<div style=\"height:40px\">{{{{name}}}} {Guid.NewGuid():N}</div>";
        var body = JsonSerializer.Serialize(new
        {
            bulkMethod = "csv", csvData = new[] { new { name = "x" } }, csvTemplate = html, csvColumns = new[] { "name" }, size = "og-image",
        });

        var first = await (await PostAsync(body)).ReadJsonAsync();
        var second = await (await PostAsync(body)).ReadJsonAsync();

        var templateOf = (JsonElement job) => job.GetProperty("message").GetString()!.Split('\'')[1];
        Assert.That(templateOf(second), Is.EqualTo(templateOf(first)));
        var template = await (await Client.GetAsync($"/api/templates/{templateOf(first)}")).ReadJsonAsync();
        Assert.That(template.GetProperty("versions").GetArrayLength(), Is.EqualTo(1));
        Assert.That(template.GetProperty("versions")[0].GetProperty("width").GetInt32(), Is.EqualTo(1200));
        Assert.That(template.GetProperty("html_content").GetString(), Is.EqualTo(html));
    }

    [TestCase("""{"bulkMethod": "html", "csvData": [{"name": "a"}], "csvTemplate": "<p>{{name}}</p>", "csvColumns": ["name"], "size": "instagram-square"}""",
        "bulkMethod")]
    [TestCase("""{"bulkMethod": "csv", "csvData": "name\na", "csvTemplate": "<p>{{name}}</p>", "csvColumns": ["name"], "size": "instagram-square"}""",
        "csvData")]
    [TestCase("""{"bulkMethod": "csv", "csvData": [{"name": "a"}, "b"], "csvTemplate": "<p>{{name}}</p>", "csvColumns": ["name"], "size": "instagram-square"}""",
        "csvData[1]")]
    [TestCase("""{"bulkMethod": "csv", "csvData": [{"name": "a"}], "csvTemplate": "<p>{{name}}</p>", "csvColumns": ["name"], "size": "billboard"}""",
        "size")]
    [TestCase("""{"bulkMethod": "csv", "csvData": [{"name": "a", "role": "b"}, {"name": "c", "role": "d"}, {"name": "e"}], "csvTemplate": "<p>{{name}} {{role}}</p>", "csvColumns": ["name", "role"], "size": "instagram-square"}""",
        "csvData[2].role")]
    public async Task Bad_input_is_a_400_naming_the_field_and_row_and_nothing_is_queued(string body, string field)
    {
        var jobsBefore = (await (await Client.GetAsync("/api/jobs?page_size=1000")).ReadJsonAsync()).GetArrayLength();

        using var response = await PostAsync(body);

        Assert.That((int)response.StatusCode, Is.EqualTo(400), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }));
        Assert.That((await (await Client.GetAsync("/api/jobs?page_size=1000")).ReadJsonAsync()).GetArrayLength(), Is.EqualTo(jobsBefore));
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        Client.PostAsync("/api/generate-bulk", new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));

    private async Task<List<ServerSentEvent>> ReadStreamAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var events = new List<ServerSentEvent>();
        await foreach (var item in ServerSentEvent.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken))
        {
            events.Add(item);
            if (item.Event is "job_completed" or "job_failed" or "job_cancelled") break;
        }
        return events;
    }
}
