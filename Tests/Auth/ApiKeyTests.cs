using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Auth;

/// <summary>
/// Open until the first key exists; then every /api route and SSE stream needs a key made by the
/// <c>keys</c> command, sent as a Bearer token or X-Api-Key. Tests run in order: the keys are made once.
/// </summary>
public class ApiKeyTests : EmbeddedServiceFixture
{
    private static readonly string[] ApiRoutes =
        ["/api/templates", "/api/jobs", $"/api/jobs/{Guid.Empty}", $"/api/jobs/{Guid.Empty}/stream", $"/api/templates/job/{Guid.Empty}/stream", "/api/templates/card/assets"];

    private string acme = null!;
    private string beta = null!;

    private string DatabaseFile => Path.Combine(Factory.Directory, "postergen.db");

    [Test, Order(1)]
    public async Task Without_keys_the_api_is_open()
    {
        Assert.That((int)(await Client.GetAsync("/api/templates")).StatusCode, Is.EqualTo(200));
        await Client.UploadTemplateAsync("card", "<p>{{title}}</p>");
    }

    [Test, Order(2)]
    public async Task Keys_create_prints_a_key_once_and_stores_only_its_hash()
    {
        acme = await KeysCommand.CreateAsync(DatabaseFile, "acme");
        beta = await KeysCommand.CreateAsync(DatabaseFile, "beta");

        var (again, output) = await KeysCommand.RunAsync(DatabaseFile, "create", "--name", "acme");
        Assert.That(again, Is.Not.EqualTo(0), "a name is taken once");
        Assert.That(KeysCommand.Key().IsMatch(output), Is.False);

        var (listed, list) = await KeysCommand.RunAsync(DatabaseFile, "list");
        Assert.That(listed, Is.EqualTo(0));
        Assert.That(list, Does.Contain("acme").And.Contain("beta").And.Not.Contain(acme).And.Not.Contain(beta));

        using var scope = Factory.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PosterGenDbContext>().ApiKeys.AsNoTracking().ToListAsync();
        Assert.That(rows.Select(r => r.Name), Is.EquivalentTo(new[] { "acme", "beta" }));
        foreach (var row in rows)
            Assert.That(new[] { row.Name, row.KeyHash, row.KeyPrefix }, Has.None.Contains(acme).And.None.Contains(beta));
    }

    [Test, Order(3)]
    public async Task Once_a_key_exists_no_key_or_a_wrong_key_is_401_on_every_api_route()
    {
        foreach (var route in ApiRoutes)
        {
            await AssertUnauthorizedAsync(Request(HttpMethod.Get, route));
            await AssertUnauthorizedAsync(Request(HttpMethod.Get, route, bearer: "pg_" + new string('x', 43)));
            await AssertUnauthorizedAsync(Request(HttpMethod.Get, route, apiKey: acme + "x"));
        }
        var post = Request(HttpMethod.Post, "/api/generate-batch");
        post.Content = new StringContent("""{"template_id":"card","items":[{"title":"a"}]}""", System.Text.Encoding.UTF8, "application/json");
        await AssertUnauthorizedAsync(post);
    }

    [Test, Order(4)]
    public async Task A_key_as_bearer_token_or_x_api_key_is_served()
    {
        // Not /api/templates/card: that template was made by the open service, so it is the default tenant's, not acme's.
        var withBearer = await Client.SendAsync(Request(HttpMethod.Get, "/api/templates", bearer: acme));
        Assert.That((int)withBearer.StatusCode, Is.EqualTo(200), await withBearer.Content.ReadAsStringAsync());
        var withHeader = await Client.SendAsync(Request(HttpMethod.Get, "/api/jobs", apiKey: beta));
        Assert.That((int)withHeader.StatusCode, Is.EqualTo(200), await withHeader.Content.ReadAsStringAsync());
        var unknownJob = await Client.SendAsync(Request(HttpMethod.Get, $"/api/jobs/{Guid.NewGuid()}/stream", bearer: acme));
        Assert.That((int)unknownJob.StatusCode, Is.EqualTo(404), "past the key check, the route answers as before");
    }

    [Test, Order(5)]
    public async Task Health_and_the_api_description_stay_public()
    {
        foreach (var route in new[] { "/health/live", "/health/ready", "/openapi/v1.json", "/scalar/v1" })
            Assert.That((int)(await Client.GetAsync(route)).StatusCode, Is.EqualTo(200), route);
    }

    [Test, Order(6)]
    public async Task A_revoked_key_is_401_from_the_next_request_on()
    {
        var (revoked, output) = await KeysCommand.RunAsync(DatabaseFile, "revoke", "--name", "beta");
        Assert.That(revoked, Is.EqualTo(0), output);

        await AssertUnauthorizedAsync(Request(HttpMethod.Get, "/api/jobs", apiKey: beta));
        Assert.That((int)(await Client.SendAsync(Request(HttpMethod.Get, "/api/jobs", bearer: acme))).StatusCode, Is.EqualTo(200));
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? bearer = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    private async Task AssertUnauthorizedAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(401), $"{request.Method} {request.RequestUri}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("Bearer"));
    }
}

/// <summary><c>Auth:Required</c> closes the API before any key exists.</summary>
public class RequiredAuthTests() : EmbeddedServiceFixture(new Dictionary<string, string?> { ["Auth:Required"] = "true" })
{
    [Test]
    public async Task With_auth_required_and_no_key_every_api_route_is_401_and_health_is_public()
    {
        var response = await Client.GetAsync("/api/templates");
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((int)(await Client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(200));
    }
}
