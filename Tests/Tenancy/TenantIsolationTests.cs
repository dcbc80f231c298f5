using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Tests.Api;
using PosterGen.Tests.Auth;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Tenancy;

/// <summary>
/// Two tenants from <c>keys create</c> (acme by its key's name, beta by <c>--tenant</c>) on one embedded
/// service without the render role, so submitted items stay pending: beta finds nothing of acme's on any
/// route, answered exactly as for something that never existed, and acme's backlog past
/// <c>RateLimits:MaxPendingItems</c> is refused while beta is served.
/// </summary>
public abstract class TenantIsolationTests(IDictionary<string, string?>? database = null) : EmbeddedServiceFixture(Settings(database))
{
    private static Dictionary<string, string?> Settings(IDictionary<string, string?>? database)
    {
        var settings = new Dictionary<string, string?> { ["PosterGen:Roles"] = "api,saga", ["RateLimits:MaxPendingItems"] = "6" };
        foreach (var (key, value) in database ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    /// <summary>The keys command's database: the fixture's PostgreSQL, or else the service's SQLite file.</summary>
    private IReadOnlyDictionary<string, string?> KeysDatabase() => database is null
        ? new Dictionary<string, string?> { ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(Factory.Directory, "postergen.db")}" }
        : new Dictionary<string, string?>(database);

    private string acme = null!;
    private string beta = null!;
    private Guid acmeJob;

    [OneTimeSetUp]
    public async Task MakeTwoTenants()
    {
        acme = await KeysCommand.CreateAsync(KeysDatabase(), "acme");
        beta = await KeysCommand.CreateAsync(KeysDatabase(), "beta-ci", "--tenant", "beta");

        Assert.That((int)(await Send(acme, HttpMethod.Post, "/api/templates", Upload("secret", "<p>{{title}} acme</p>"))).StatusCode, Is.EqualTo(201));
        Assert.That((int)(await Send(acme, HttpMethod.Post, "/api/templates", Upload("card", "<p>{{title}} acme card</p>"))).StatusCode, Is.EqualTo(201));
        Assert.That((int)(await Send(beta, HttpMethod.Post, "/api/templates", Upload("card", "<p>{{title}} beta card</p>"))).StatusCode, Is.EqualTo(201),
            "template keys are unique per tenant: beta has a card of its own");
        var asset = new ByteArrayContent(Png.Solid(4, 4, 200, 10, 10));
        Assert.That((int)(await Send(acme, HttpMethod.Put, "/api/templates/secret/assets/logo.png", asset)).StatusCode, Is.EqualTo(201));

        var accepted = await Send(acme, HttpMethod.Post, "/api/generate-batch", Json(new { template_id = "secret", items = new[] { new { title = "a" }, new { title = "b" } } }));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        acmeJob = (await accepted.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        // The saga stores the job's row in its own time; every route reads it from then on.
        await Eventually.HoldsAsync(async () => await RowsAsync(db => db.BatchJobs.CountAsync(j => j.CorrelationId == acmeJob)) == 1,
            TimeSpan.FromSeconds(30));
    }

    private static IEnumerable<(HttpMethod Method, string Route)> JobRoutes(Guid job) =>
    [
        (HttpMethod.Get, $"/api/jobs/{job}"),
        (HttpMethod.Get, $"/api/templates/job/{job}"),
        (HttpMethod.Get, $"/api/batch/jobs/{job}"),
        (HttpMethod.Get, $"/api/jobs/{job}/stream"),
        (HttpMethod.Get, $"/api/templates/job/{job}/stream"),
        (HttpMethod.Get, $"/api/batch/jobs/{job}/stream"),
        (HttpMethod.Get, $"/api/jobs/{job}/logs"),
        (HttpMethod.Get, $"/api/jobs/{job}/webhooks"),
        (HttpMethod.Get, $"/api/jobs/{job}/archive?partial=true"),
        (HttpMethod.Get, $"/api/jobs/{job}/pdf?partial=true"),
        (HttpMethod.Post, $"/api/jobs/{job}/retry-failed"),
        (HttpMethod.Post, $"/api/jobs/{job}/cancel"),
    ];

    [Test, Order(1)]
    public async Task Another_tenants_job_is_404_on_every_route_exactly_like_a_job_that_never_existed()
    {
        var never = Guid.NewGuid();
        foreach (var ((method, route), (_, neverRoute)) in JobRoutes(acmeJob).Zip(JobRoutes(never)))
        {
            using var seen = await Send(beta, method, route);
            Assert.That((int)seen.StatusCode, Is.EqualTo(404), $"{method} {route}");
            Assert.That(seen.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), route);
            using var missing = await Send(beta, method, neverRoute);
            Assert.That(Comparable(await seen.ReadJsonAsync(), acmeJob), Is.EqualTo(Comparable(await missing.ReadJsonAsync(), never)),
                $"{method} {route}: no hint that the job exists");
        }
        // The same routes do reach acme's own job (cancel last: it ends the job).
        foreach (var (method, route) in JobRoutes(acmeJob))
        {
            using var own = await Send(acme, method, route);
            Assert.That((int)own.StatusCode, Is.Not.EqualTo(404).And.LessThan(500), $"acme: {method} {route}");
        }
    }

    [Test, Order(2)]
    public async Task Another_tenants_template_is_404_on_every_route_and_generating_with_it_too()
    {
        var item = new { title = "x" };
        var csv = new MultipartFormDataContent
        {
            { new StringContent("secret"), "template_id" },
            { new ByteArrayContent("title\nx\n"u8.ToArray()), "file", "rows.csv" },
        };
        var requests = new (HttpMethod Method, string Route, HttpContent? Body)[]
        {
            (HttpMethod.Get, "/api/templates/secret", null),
            (HttpMethod.Get, "/api/templates/secret@1", null),
            (HttpMethod.Put, "/api/templates/secret", Json(new { html_content = "<p>{{title}}</p>" })),
            (HttpMethod.Post, "/api/templates/secret/activate", Json(new { version = 1 })),
            (HttpMethod.Get, "/api/templates/secret/preview", null),
            (HttpMethod.Get, "/api/templates/secret_latest/preview", null),
            (HttpMethod.Get, "/api/templates/secret/assets", null),
            (HttpMethod.Put, "/api/templates/secret/assets/logo.png", new ByteArrayContent(Png.Solid(4, 4, 1, 2, 3))),
            (HttpMethod.Delete, "/api/templates/secret/assets/logo.png", null),
            (HttpMethod.Post, "/api/generate", Json(new { template_id = "secret", custom_data = item })),
            (HttpMethod.Post, "/api/generate-async", Json(new { template_id = "secret", custom_data = item })),
            (HttpMethod.Post, "/api/templates/generate", Json(new { template_id = "secret_latest", custom_data = item })),
            (HttpMethod.Post, "/api/generate-batch", Json(new { template_id = "secret@1", items = new[] { item } })),
            (HttpMethod.Post, "/api/generate-batch/csv", csv),
        };
        foreach (var (method, route, body) in requests)
        {
            using var answer = await Send(beta, method, route, body);
            Assert.That((int)answer.StatusCode, Is.EqualTo(404), $"{method} {route}: {await answer.Content.ReadAsStringAsync()}");
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), route);
        }

        using var card = await Send(beta, HttpMethod.Get, "/api/templates/card");
        Assert.That((await card.Content.ReadAsStringAsync()), Does.Contain("beta card").And.Not.Contain("acme"), "the same key, beta's own template");
        Assert.That(await RowsAsync(db => db.TemplateAssets.CountAsync(a => a.Name == "logo.png")), Is.EqualTo(1), "beta's upload and delete reached nothing");
    }

    [Test, Order(3)]
    public async Task Lists_show_only_the_tenants_own_jobs_and_templates()
    {
        var acmeJobs = await ListAsync(acme, "/api/jobs", "job_id");
        var betaJobs = await ListAsync(beta, "/api/jobs", "job_id");
        Assert.That(acmeJobs, Does.Contain(acmeJob.ToString()));
        Assert.That(betaJobs, Does.Not.Contain(acmeJob.ToString()));

        Assert.That(await ListAsync(acme, "/api/templates", "key"), Is.EquivalentTo(new[] { "card", "secret" }));
        Assert.That(await ListAsync(beta, "/api/templates", "key"), Is.EquivalentTo(new[] { "card" }));
    }

    [Test, Order(4)]
    public async Task Every_row_of_a_job_and_a_template_carries_its_tenant_for_support_staff()
    {
        Assert.That(await RowsAsync(db => db.BatchJobs.Where(j => j.CorrelationId == acmeJob).Select(j => j.Tenant).SingleAsync()), Is.EqualTo("acme"));
        Assert.That(await RowsAsync(db => db.BatchItems.Where(i => i.JobId == acmeJob).Select(i => i.Tenant).Distinct().ToListAsync()), Is.EqualTo(new[] { "acme" }));
        Assert.That(await RowsAsync(db => db.JobLogs.Where(l => l.JobId == acmeJob).Select(l => l.Tenant).Distinct().ToListAsync()), Is.EqualTo(new[] { "acme" }));
        Assert.That(await RowsAsync(db => db.Templates.Where(t => t.Key == "card").OrderBy(t => t.Tenant).Select(t => t.Tenant).ToListAsync()),
            Is.EqualTo(new[] { "acme", "beta" }));
        Assert.That(await RowsAsync(db => db.TemplateVersions.Where(v => v.Template.Key == "secret").Select(v => v.Tenant).Distinct().ToListAsync()),
            Is.EqualTo(new[] { "acme" }));
        Assert.That(await RowsAsync(db => db.ApiKeys.OrderBy(k => k.Name).Select(k => k.Name + ":" + k.Tenant).ToListAsync()),
            Is.EqualTo(new[] { "acme:acme", "beta-ci:beta" }));

        // The view support staff start from says whose each job is, as the saga rows do.
        var overview = await RowsAsync(db => db.Database.SqlQuery<string>($"SELECT tenant AS \"Value\" FROM job_overview").ToListAsync());
        var jobs = await RowsAsync(db => db.BatchJobs.Select(j => j.Tenant).ToListAsync());
        Assert.That(overview, Is.EquivalentTo(jobs).And.Contain("acme"));
    }

    [Test, Order(5)]
    public async Task A_tenant_past_its_pending_items_gets_429_with_retry_after_while_another_tenant_is_served()
    {
        // acme's first job (2 items) was cancelled above; nothing renders here, so what is submitted stays pending.
        await Eventually.HoldsAsync(async () => await RowsAsync(db => db.BatchItems.CountAsync(
            i => i.JobId == acmeJob && i.State != Persistence.Entities.BatchItemState.Done)) == 0, TimeSpan.FromSeconds(30));
        var items = Enumerable.Range(0, 6).Select(i => new { title = $"t{i}" }).ToArray();
        using var full = await Send(acme, HttpMethod.Post, "/api/generate-batch", Json(new { template_id = "secret", items }));
        Assert.That((int)full.StatusCode, Is.EqualTo(202), await full.Content.ReadAsStringAsync());

        foreach (var route in new[] { "/api/generate-async", "/api/templates/generate" })
        {
            using var refused = await Send(acme, HttpMethod.Post, route, Json(new { template_id = "secret", custom_data = new { title = "one more" } }));
            Assert.That((int)refused.StatusCode, Is.EqualTo(429), route);
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("MaxPendingItems"));
        }

        using var served = await Send(beta, HttpMethod.Post, "/api/generate-batch", Json(new { template_id = "card", items = items[..5] }));
        Assert.That((int)served.StatusCode, Is.EqualTo(202), "beta's budget is its own: " + await served.Content.ReadAsStringAsync());
        Assert.That(await RowsAsync(db => db.BatchItems.CountAsync(i => i.Tenant == "acme" && i.State != Persistence.Entities.BatchItemState.Done)),
            Is.EqualTo(6), "nothing of the refused requests was stored");
    }

    [Test, Order(6)]
    public async Task The_same_idempotency_key_is_a_key_of_each_tenant()
    {
        var request = new { template_id = "card", custom_data = new { title = "same" } };
        using var first = await Send(beta, HttpMethod.Post, "/api/generate-async", Json(request), idempotencyKey: "shared-key");
        using var other = await Send(acme, HttpMethod.Post, "/api/generate-async", Json(request), idempotencyKey: "shared-key");
        Assert.That((int)first.StatusCode, Is.EqualTo(202), await first.Content.ReadAsStringAsync());
        Assert.That((int)other.StatusCode, Is.EqualTo(429), "acme's own request ran (and met its full backlog) instead of replaying beta's answer");
    }

    private static HttpContent Upload(string section, string html) =>
        Json(new { section, name = section, html_content = html, width = 200, height = 100, set_as_active = true });

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, ApiClient.Json), Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> Send(string key, HttpMethod method, string route, HttpContent? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, route) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        // Streams answer with their headers and then keep going: the status is all these tests read of them.
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<List<string>> ListAsync(string key, string route, string property)
    {
        using var answer = await Send(key, HttpMethod.Get, route);
        Assert.That((int)answer.StatusCode, Is.EqualTo(200));
        var json = await answer.ReadJsonAsync();
        var rows = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("jobs");
        return rows.EnumerateArray().Select(r => r.GetProperty(property).ToString()).ToList();
    }

    /// <summary>A problem's fields with the id written out the same way, and the trace id left out.</summary>
    private static string Comparable(JsonElement problem, Guid id) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "trace_id").Select(p => $"{p.Name}={p.Value}"))
            .Replace(id.ToString(), "{id}");

    /// <summary>Reads the tables as support staff do: a context outside any request sees every tenant.</summary>
    private async Task<T> RowsAsync<T>(Func<PosterGenDbContext, Task<T>> query)
    {
        using var scope = Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PosterGenDbContext>());
    }
}
