using System.Net.Http.Headers;
using Npgsql;
using PosterGen.Tests.Api;
using PosterGen.Tests.Distributed;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Lifecycle;

/// <summary>
/// Cancel, deadline and retry-failed on the database render queue, in process: on SQLite (the
/// embedded default) and on PostgreSQL without Kafka. Each ends with one result row per item and
/// the stream's final event.
/// </summary>
public abstract class JobEndingTests
{
    private PosterGenFactory factory = null!;
    private HttpClient client = null!;

    /// <summary>Settings for a database of its own; each service gets one, so two never share work.</summary>
    protected abstract Task<Dictionary<string, string?>> NewDatabaseAsync();

    [OneTimeSetUp]
    public async Task StartService()
    {
        factory = new PosterGenFactory(await NewDatabaseAsync());
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Test]
    public async Task A_cancel_mid_batch_gives_every_unrendered_item_a_cancelled_row_and_ends_the_stream_with_job_cancelled()
    {
        var template = await client.UploadTemplateAsync($"cancel{Guid.NewGuid():N}"[..14], "<p style=\"margin:0\">{{n}}</p>", 120, 60);
        var jobId = await SubmitAsync(client, template, Enumerable.Range(0, 60).Select(i => new { n = $"{Guid.NewGuid():N} {i}" }));
        var statusEndpoint = $"/api/jobs/{jobId}";
        await Eventually.HoldsAsync(async () => (await client.JobStatusAsync(statusEndpoint)).GetProperty("success_count").GetInt32() >= 4,
            TimeSpan.FromMinutes(2));

        var cancel = await client.PostAsync($"/api/jobs/{jobId}/cancel", null);
        Assert.That((int)cancel.StatusCode, Is.EqualTo(202), await cancel.Content.ReadAsStringAsync());
        var final = await FinalEventAsync(client, jobId);

        Assert.That(final.Event, Is.EqualTo("job_cancelled"), final.Data);
        var status = await client.JobStatusAsync(statusEndpoint);
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        int rendered = status.GetProperty("success_count").GetInt32(), cancelled = status.GetProperty("cancelled_count").GetInt32();
        Assert.That(rendered + status.GetProperty("failure_count").GetInt32() + cancelled, Is.EqualTo(60));
        Assert.That(cancelled, Is.GreaterThan(0));
        Assert.That(final.Json.GetProperty("cancelled_count").GetInt32(), Is.EqualTo(cancelled));
        var results = await ResultsAsync(client, jobId);
        Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 60)), "one row per item");
        Assert.That(results.Count(r => r.Status == "cancelled"), Is.EqualTo(cancelled));
        Assert.That((int)(await client.PostAsync($"/api/jobs/{jobId}/cancel", null)).StatusCode, Is.EqualTo(409));
    }

    [Test]
    public async Task Retry_failed_renders_exactly_the_items_that_failed_once_the_missing_asset_is_uploaded()
    {
        var template = await client.UploadTemplateAsync($"retry{Guid.NewGuid():N}"[..14],
            "<p style=\"margin:0\">{{n}}{{#if logo}}<img src=\"https://assets.postergen.invalid/{{logo}}\">{{/if}}</p>", 120, 60);
        var jobId = await SubmitAsync(client, template,
            Enumerable.Range(0, 5).Select(i => new { entity_id = $"r{i}", n = $"{i}", logo = i is 1 or 3 ? "late.png" : "" }));
        var original = await client.WaitForJobAsync($"/api/jobs/{jobId}");
        Assert.That(original.GetProperty("failure_count").GetInt32(), Is.EqualTo(2), original.ToString());
        Assert.That((int)(await client.PostAsync($"/api/jobs/{Guid.NewGuid()}/retry-failed", null)).StatusCode, Is.EqualTo(404));

        var png = new ByteArrayContent(Png.Solid(2, 2, 0, 0, 255));
        png.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.That((int)(await client.PutAsync($"/api/templates/{template}/assets/late.png", png)).StatusCode, Is.EqualTo(201));
        var retry = await client.PostAsync($"/api/jobs/{jobId}/retry-failed", null);
        Assert.That((int)retry.StatusCode, Is.EqualTo(202), await retry.Content.ReadAsStringAsync());
        var retryId = (await retry.ReadJsonAsync()).GetProperty("job_id").GetGuid();

        var retried = await client.WaitForJobAsync($"/api/jobs/{retryId}");
        Assert.That(retried.GetProperty("status").GetString(), Is.EqualTo("completed"), retried.ToString());
        Assert.That(retried.GetProperty("retry_of").GetGuid(), Is.EqualTo(jobId));
        var entities = (await (await client.GetAsync($"/api/jobs/{retryId}")).ReadJsonAsync())
            .GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entity_id").GetString());
        Assert.That(entities, Is.EqualTo(new[] { "r1", "r3" }));
        Assert.That((await client.JobStatusAsync($"/api/jobs/{jobId}")).GetProperty("retried_by").GetGuid(), Is.EqualTo(retryId));
        Assert.That((int)(await client.PostAsync($"/api/jobs/{retryId}/retry-failed", null)).StatusCode, Is.EqualTo(409));
    }

    [Test]
    public async Task Without_a_renderer_the_job_fails_at_its_deadline_and_the_stream_ends_with_job_failed()
    {
        var settings = await NewDatabaseAsync();
        settings["PosterGen:Roles"] = "api,saga";
        settings["Jobs:DeadlineSweepSeconds"] = "1";
        using var noRenderer = new PosterGenFactory(settings);
        using var api = noRenderer.CreateClient();
        var template = await api.UploadTemplateAsync("deadline", "<p>{{n}}</p>", 120, 60);
        var response = await api.PostJsonAsync("/api/generate-batch", new
        {
            template_id = template,
            options = new { deadline_seconds = 1 },
            items = Enumerable.Range(0, 12).Select(i => new { n = $"{i}" }),
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();

        var final = await FinalEventAsync(api, jobId);

        Assert.That(final.Event, Is.EqualTo("job_failed"), final.Data);
        Assert.That(final.Json.GetProperty("reason").GetString(), Does.Contain("12 of 12 items unfinished"));
        var status = await api.JobStatusAsync($"/api/jobs/{jobId}");
        Assert.That((status.GetProperty("status").GetString(), status.GetProperty("failure_count").GetInt32()), Is.EqualTo(("failed", 12)));
        var results = await ResultsAsync(api, jobId);
        Assert.That(results, Has.Count.EqualTo(12));
        Assert.That(results.All(r => r.Status == "failed" && r.Error!.Contains("deadline")), Is.True);
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string template, IEnumerable<object> items)
    {
        var response = await client.PostJsonAsync("/api/generate-batch", new { template_id = template, items });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
    }

    private static async Task<ServerSentEvent> FinalEventAsync(HttpClient client, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var response = await client.GetAsync($"/api/jobs/{jobId}/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        ServerSentEvent? last = null;
        await foreach (var e in ServerSentEvent.ReadAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token))
            last = e;
        return last ?? throw new AssertionException("The stream sent nothing.");
    }

    private static async Task<List<(int Index, string Status, string? Error)>> ResultsAsync(HttpClient client, Guid jobId) =>
        (await (await client.GetAsync($"/api/jobs/{jobId}?page_size=1000")).ReadJsonAsync()).GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("item_index").GetInt32(), r.GetProperty("status").GetString()!,
                r.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.String ? r.GetProperty("error").GetString() : null))
            .ToList();
}

/// <summary>The embedded default: SQLite, the in-memory bus, the queue in <c>batch_items</c>.</summary>
public class SqliteJobEndingTests : JobEndingTests
{
    protected override Task<Dictionary<string, string?>> NewDatabaseAsync() => Task.FromResult(new Dictionary<string, string?>());
}

/// <summary>PostgreSQL without Kafka: the queue in <c>batch_items</c>, claimed with FOR UPDATE SKIP LOCKED.</summary>
public class PostgresJobEndingTests : JobEndingTests
{
    protected override async Task<Dictionary<string, string?>> NewDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}"[..14];
        var server = new NpgsqlConnectionStringBuilder(StackSettings.Get("ConnectionStrings__Database"));
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Database"] = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ToString(),
        };
    }
}
