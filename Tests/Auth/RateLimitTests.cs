using System.Net.Http.Headers;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Auth;

/// <summary><c>RateLimits:RequestsPerMinute</c> per key: one client's flood is refused with 429 while another is served.</summary>
public class RateLimitTests() : EmbeddedServiceFixture(new Dictionary<string, string?> { ["RateLimits:RequestsPerMinute"] = "5" })
{
    [Test]
    public async Task A_key_flooding_past_its_limit_gets_429_with_retry_after_while_another_key_is_served()
    {
        var database = Path.Combine(Factory.Directory, "postergen.db");
        var acme = await KeysCommand.CreateAsync(database, "acme");
        var beta = await KeysCommand.CreateAsync(database, "beta");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
            answers.Add(await Client.SendAsync(Request(acme)));

        Assert.That(answers.Take(5).Select(a => (int)a.StatusCode), Is.All.EqualTo(200));
        var refused = answers.Skip(5).ToList();
        Assert.That(refused.Select(a => (int)a.StatusCode), Is.All.EqualTo(429));
        Assert.That(refused[0].Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(refused[0].Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));

        var other = await Client.SendAsync(Request(beta));
        Assert.That((int)other.StatusCode, Is.EqualTo(200), "another key has a budget of its own");
        Assert.That((int)(await Client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(200), "health is not limited");
    }

    private static HttpRequestMessage Request(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/templates");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
