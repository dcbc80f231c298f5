using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Tenancy;

/// <summary>
/// <c>Idempotency-Key</c> on every POST that makes a job or a poster, on the embedded service (open, so
/// the default tenant): a repeat gets the first answer and no second job, concurrent repeats too, and
/// the key with another body is 422.
/// </summary>
public abstract class IdempotencyKeyTests(IDictionary<string, string?>? settings = null) : EmbeddedServiceFixture(settings)
{
    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("promo", "<p style=\"margin:0\">{{title}}</p>", 200, 100);

    private static IEnumerable<(string Route, Func<HttpContent> Body)> JobRoutes() =>
    [
        ("/api/generate-async", () => Json(new { template_id = "promo", custom_data = new { title = "async" } })),
        ("/api/templates/generate", () => Json(new { template_id = "promo_latest", custom_data = new { title = "templates" } })),
        ("/api/generate-batch", () => Json(new { template_id = "promo", items = new[] { new { title = "a" }, new { title = "b" } } })),
        ("/api/generate-batch/csv", () => new MultipartFormDataContent
        {
            { new StringContent("promo"), "template_id" },
            { new ByteArrayContent("title\nfrom csv\n"u8.ToArray()), "file", "rows.csv" },
        }),
        ("/api/generate-bulk", () => Json(new Dictionary<string, object>
        {
            ["bulkMethod"] = "csv", ["csvTemplate"] = "<p>{{title}}</p>", ["csvColumns"] = new[] { "title" }, ["csvData"] = new[] { new[] { "bulk" } },
        })),
    ];

    [Test]
    public async Task The_same_key_and_body_twice_answers_the_first_response_and_makes_one_job_on_every_route()
    {
        foreach (var (route, body) in JobRoutes())
        {
            var key = $"twice-{route}";
            var jobsBefore = await JobCountAsync();
            using var first = await PostAsync(route, body(), key);
            var firstBody = await first.Content.ReadAsStringAsync();
            Assert.That((int)first.StatusCode, Is.EqualTo(202), $"{route}: {firstBody}");
            using var second = await PostAsync(route, body(), key);

            Assert.That((int)second.StatusCode, Is.EqualTo(202), route);
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(firstBody), route);
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location), route);
            Assert.That(second.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }), route);
            Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False, route);
            Assert.That(await JobCountAsync(), Is.EqualTo(jobsBefore + 1), $"{route}: one job");
        }
    }

    [Test]
    public async Task A_repeated_synchronous_generate_answers_the_same_poster()
    {
        var request = new { template_id = "promo", custom_data = new { title = "sync" } };
        using var first = await PostAsync("/api/generate", Json(request), "sync-once");
        using var second = await PostAsync("/api/generate", Json(request), "sync-once");
        Assert.That((int)first.StatusCode, Is.EqualTo(200), await first.Content.ReadAsStringAsync());
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.True);
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_make_one_job_and_all_answer_its_job_id()
    {
        var items = Enumerable.Range(0, 300).Select(i => new { title = $"concurrent {i}" }).ToArray();
        var jobsBefore = await JobCountAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var answer = await PostAsync("/api/generate-batch", Json(new { template_id = "promo", items }), "concurrent");
            return ((int)answer.StatusCode, await answer.Content.ReadAsStringAsync());
        }));

        Assert.That(answers.Select(a => a.Item1), Is.All.EqualTo(202), string.Join("\n", answers.Select(a => a.Item2)));
        var jobIds = answers.Select(a => JsonDocument.Parse(a.Item2).RootElement.GetProperty("job_id").GetGuid()).Distinct().ToList();
        Assert.That(jobIds, Has.Count.EqualTo(1));
        Assert.That(await JobCountAsync(), Is.EqualTo(jobsBefore + 1));
        Assert.That(await RowsAsync(db => db.BatchItems.CountAsync(i => i.JobId == jobIds[0])), Is.EqualTo(300));
    }

    [Test]
    public async Task The_same_key_with_another_body_is_422_and_makes_nothing()
    {
        using var first = await PostAsync("/api/generate-async", Json(new { template_id = "promo", custom_data = new { title = "one" } }), "reused");
        Assert.That((int)first.StatusCode, Is.EqualTo(202));
        var jobsBefore = await JobCountAsync();

        foreach (var (route, body) in new[]
        {
            ("/api/generate-async", Json(new { template_id = "promo", custom_data = new { title = "two" } })),
            ("/api/generate-batch", Json(new { template_id = "promo", items = new[] { new { title = "one" } } })),
        })
        {
            using var other = await PostAsync(route, body, "reused");
            Assert.That((int)other.StatusCode, Is.EqualTo(422), route);
            Assert.That(other.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await other.Content.ReadAsStringAsync(), Does.Contain("Idempotency-Key"));
        }
        Assert.That(await JobCountAsync(), Is.EqualTo(jobsBefore));
    }

    [Test]
    public async Task A_key_older_than_24_hours_is_forgotten()
    {
        var request = new { template_id = "promo", custom_data = new { title = "old" } };
        using var first = await PostAsync("/api/generate-async", Json(request), "expiring");
        var firstJob = (await first.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        await RowsAsync(db => db.IdempotencyRecords.Where(r => r.Key == "expiring")
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, DateTime.UtcNow.AddHours(-25))));

        using var again = await PostAsync("/api/generate-async", Json(request), "expiring");
        Assert.That((int)again.StatusCode, Is.EqualTo(202));
        Assert.That((await again.ReadJsonAsync()).GetProperty("job_id").GetGuid(), Is.Not.EqualTo(firstJob));
        Assert.That(await RowsAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == "expiring")), Is.EqualTo(1));
    }

    [Test]
    public async Task An_empty_or_overlong_key_is_400()
    {
        foreach (var key in new[] { " ", new string('k', 256) })
        {
            using var answer = await PostAsync("/api/generate-async", Json(new { template_id = "promo", custom_data = new { title = "x" } }), key);
            Assert.That((int)answer.StatusCode, Is.EqualTo(400), $"{key.Length} characters");
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, ApiClient.Json), Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(string route, HttpContent body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = body };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    /// <summary>Jobs, counted by their items: a job's items are stored the moment it is accepted.</summary>
    private Task<int> JobCountAsync() => RowsAsync(db => db.BatchItems.Select(i => i.JobId).Distinct().CountAsync());

    private async Task<T> RowsAsync<T>(Func<PosterGenDbContext, Task<T>> query)
    {
        using var scope = Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PosterGenDbContext>());
    }
}
