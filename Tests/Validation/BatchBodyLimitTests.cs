using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Validation;

/// <summary>
/// On Kestrel, whose default body limit (30 MB) cut off a 35 MB batch of 100,000 items without an
/// answer: batches read up to <c>PosterGen:MaxBatchBodyBytes</c> (64 MiB), and past it are a 413 problem.
/// The api role alone: the batch is stored and announced, never rendered.
/// </summary>
public class BatchBodyLimitTests() : EmbeddedServiceFixture(new Dictionary<string, string?> { ["PosterGen:Roles"] = "api" }, overKestrel: true)
{
    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("card", "<p>{{title}}</p><p>{{subtitle}}</p>");

    [Test]
    public async Task A_batch_of_100000_items_in_35_MB_of_json_is_accepted()
    {
        var body = new StringBuilder("""{"template_id":"card","items":[""");
        var subtitle = new string('s', 290);
        for (var i = 0; i < 100_000; i++)
            body.Append(i == 0 ? "" : ",").Append($$"""{"entity_id":"e-{{i:D6}}","title":"Poster number {{i}}","subtitle":"{{subtitle}}"}""");
        body.Append("]}");
        var json = Encoding.UTF8.GetBytes(body.ToString());
        Assert.That(json.Length, Is.InRange(34_000_000, 36_000_000), "the size the issue reported");

        var response = await Client.PostAsync("/api/generate-batch", Json(json));

        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        Assert.That((await response.ReadJsonAsync()).GetProperty("total_items").GetInt32(), Is.EqualTo(100_000));
    }

    [Test]
    public async Task A_json_batch_past_MaxBatchBodyBytes_is_a_413_problem()
    {
        var json = new byte[64 * 1024 * 1024 + 1];
        Array.Fill(json, (byte)' ');

        var response = await PostExpectingContinueAsync("/api/generate-batch", json);

        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.ReadJsonAsync();
        Assert.That(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.ToString(), Does.Contain((64 * 1024 * 1024).ToString()));
    }

    [Test]
    public async Task A_template_upload_past_kestrels_default_limit_is_a_413_problem()
    {
        var json = new byte[31 * 1000 * 1000];
        Array.Fill(json, (byte)' ');

        var response = await PostExpectingContinueAsync("/api/templates", json);

        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    /// <summary>
    /// As curl sends large bodies: the server answers 413 before the body is sent. A client that sends it
    /// anyway has its connection closed after the 413 (Kestrel reads no further), and may not see the answer.
    /// </summary>
    private async Task<HttpResponseMessage> PostExpectingContinueAsync(string url, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
        request.Headers.ExpectContinue = true;
        return await Client.SendAsync(request);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
