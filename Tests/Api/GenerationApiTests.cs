using System.Net.Http.Json;
using System.Text.Json;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>Through HTTP with real SQLite and real Chromium: single posters, batches, SSE, status.</summary>
public class GenerationApiTests : EmbeddedServiceFixture
{
    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("offer", Fixtures.PosterHtml);

    [Test]
    public async Task Sync_generate_returns_a_url_serving_a_png_of_the_template_size()
    {
        var response = await Client.PostJsonAsync("/api/generate", new { template_id = "offer_latest", custom_data = Fixtures.PosterData(1) });

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.That(body.GetProperty("template_version_used").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("template_name").GetString(), Is.EqualTo("offer design"));
        Assert.That(body.GetProperty("generation_time_ms").GetInt64(), Is.GreaterThan(0));

        var png = await Client.GetByteArrayAsync(body.GetProperty("url").GetString());
        Assert.That(Png.Size(png), Is.EqualTo((1080, 1080)));
    }

    [Test]
    public async Task Batch_of_100_streams_every_poster_then_job_completed_and_status_lists_100_pngs()
    {
        var items = Enumerable.Range(0, 100).Select(Fixtures.PosterData).ToList();
        var accepted = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "offer", items, metadata = new { client = "tests" } });
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadJsonAsync();
        Assert.That(job.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(job.GetProperty("total_items").GetInt32(), Is.EqualTo(100));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var events = await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);

        Assert.That(events[0].Event, Is.EqualTo("connected"));
        var completed = events.Where(e => e.Event == "poster_completed").ToList();
        Assert.That(completed, Has.Count.EqualTo(100));
        Assert.That(completed.Select(e => e.Json.GetProperty("entity_id").GetString()).Distinct().Count(), Is.EqualTo(100));
        Assert.That(events.Last().Event, Is.EqualTo("job_completed"));
        var final = events.Last().Json;
        Assert.That(final.GetProperty("success_count").GetInt32(), Is.EqualTo(100));
        Assert.That(final.GetProperty("failure_count").GetInt32(), Is.EqualTo(0));
        Assert.That(final.GetProperty("total_count").GetInt32(), Is.EqualTo(100));

        var status = await (await Client.GetAsync(job.GetProperty("status_endpoint").GetString())).ReadJsonAsync();
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(100));
        Assert.That(status.GetProperty("processed_items").GetInt32(), Is.EqualTo(100));
        var results = status.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(100));
        Assert.That(results.Select(r => r.GetProperty("entity_id").GetString()), Is.EqualTo(items.Select(i => i["entity_id"])));
        foreach (var url in results.Select(r => r.GetProperty("url").GetString()).Take(100))
            Assert.That(Png.Size(await Client.GetByteArrayAsync(url)), Is.EqualTo((1080, 1080)));
    }

    [Test]
    public async Task The_same_template_version_data_and_options_are_served_from_the_render_cache()
    {
        var data = Fixtures.PosterData(5000);
        var first = await GenerateAsync(new { template_id = "offer", custom_data = data });
        var again = await GenerateAsync(new { template_id = "offer", custom_data = data });
        var asJpeg = await GenerateAsync(new { template_id = "offer", custom_data = data, options = new { format = "jpeg" } });

        Assert.That(first.GetProperty("cache_hit").GetBoolean(), Is.False);
        Assert.That(again.GetProperty("cache_hit").GetBoolean(), Is.True);
        Assert.That(again.GetProperty("url").GetString(), Is.EqualTo(first.GetProperty("url").GetString()));
        Assert.That(asJpeg.GetProperty("cache_hit").GetBoolean(), Is.False, "other options make another poster");

        var items = new[] { data, Fixtures.PosterData(5001) };
        var job = await (await Client.PostJsonAsync("/api/generate-batch", new { template_id = "offer", items })).ReadJsonAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);
        var results = (await (await Client.GetAsync(job.GetProperty("status_endpoint").GetString())).ReadJsonAsync())
            .GetProperty("results").EnumerateArray().ToList();

        Assert.That(results.Select(r => r.GetProperty("cache_hit").GetBoolean()), Is.EqualTo(new[] { true, false }));
        Assert.That(results[0].GetProperty("url").GetString(), Is.EqualTo(first.GetProperty("url").GetString()));
    }

    [Test]
    public async Task Png_compression_small_serves_a_smaller_png_and_an_unknown_one_is_400_naming_it()
    {
        var data = Fixtures.PosterData(6000);
        var fast = await GenerateAsync(new { template_id = "offer", custom_data = data });
        var small = await GenerateAsync(new { template_id = "offer", custom_data = data, options = new { png_compression = "small" } });

        Assert.That(small.GetProperty("cache_hit").GetBoolean(), Is.False, "small is another file than fast");
        var (fastPng, smallPng) = (await Client.GetByteArrayAsync(fast.GetProperty("url").GetString()),
            await Client.GetByteArrayAsync(small.GetProperty("url").GetString()));
        Assert.That(Png.Size(smallPng), Is.EqualTo((1080, 1080)));
        Assert.That(smallPng, Has.Length.LessThan(fastPng.Length));

        var refused = await Client.PostJsonAsync("/api/generate-batch",
            new { template_id = "offer", items = new[] { data }, options = new { png_compression = "tiny" } });
        Assert.That((int)refused.StatusCode, Is.EqualTo(400));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await refused.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "options.png_compression" }));
    }

    private async Task<JsonElement> GenerateAsync(object request)
    {
        var response = await Client.PostJsonAsync("/api/generate", request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Test]
    public async Task Reconnecting_with_last_event_id_replays_only_what_was_missed()
    {
        var items = Enumerable.Range(0, 6).Select(Fixtures.PosterData).ToList();
        var job = await (await Client.PostJsonAsync("/api/generate-batch", new { template_id = "offer", items })).ReadJsonAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var first = await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);
        var posters = first.Where(e => e.Event == "poster_completed").ToList();
        Assert.That(posters, Has.Count.EqualTo(6));

        using var request = new HttpRequestMessage(HttpMethod.Get, job.GetProperty("sse_endpoint").GetString());
        request.Headers.Add("Last-Event-ID", posters[3].Id);
        var replay = await ReadStreamAsync(request, timeout.Token);

        Assert.That(replay.Where(e => e.Event == "poster_completed").Select(e => e.Id), Is.EqualTo(posters.Skip(4).Select(e => e.Id)));
        Assert.That(replay.Last().Event, Is.EqualTo("job_completed"));
    }

    [Test]
    public async Task Generate_async_queues_a_job_of_one_poster()
    {
        var accepted = await Client.PostJsonAsync("/api/templates/generate", new { template_id = "offer", custom_data = Fixtures.PosterData(7) });

        Assert.That((int)accepted.StatusCode, Is.EqualTo(202));
        var job = await accepted.ReadJsonAsync();
        Assert.That(job.GetProperty("total_items").GetInt32(), Is.EqualTo(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);
        var poster = events.Single(e => e.Event == "poster_completed").Json;
        Assert.That(poster.GetProperty("entity_id").GetString(), Is.EqualTo("offer-7"));
        Assert.That(Png.IsPng(await Client.GetByteArrayAsync(poster.GetProperty("poster_url").GetString())), Is.True);
    }

    [Test]
    public async Task Batch_whose_item_7_lacks_a_required_placeholder_is_refused_and_nothing_is_queued()
    {
        var items = Enumerable.Range(0, 10).Select(Fixtures.PosterData).ToList();
        items[7].Remove("TITLE");
        var jobsBefore = (await (await Client.GetAsync("/api/jobs?page_size=1000")).ReadJsonAsync()).GetArrayLength();

        var response = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "offer", items });

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "items[7].TITLE" }));
        await Task.Delay(500);
        var jobsAfter = (await (await Client.GetAsync("/api/jobs?page_size=1000")).ReadJsonAsync()).GetArrayLength();
        Assert.That(jobsAfter, Is.EqualTo(jobsBefore));
    }

    [Test]
    public async Task An_item_over_the_size_limit_is_refused_by_its_index()
    {
        var items = Enumerable.Range(0, 3).Select(Fixtures.PosterData).ToList();
        items[2]["SUBTITLE"] = new string('x', 3 * 1024 * 1024);

        var response = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "offer", items });

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("items[2]")[0].GetString(), Does.Contain("at most 2048 KiB"));
    }

    [Test]
    public async Task Unknown_template_is_404_and_malformed_json_is_400()
    {
        var unknown = await Client.PostJsonAsync("/api/generate-batch", new { template_id = "no-such-template", items = new[] { new { a = 1 } } });
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        var malformed = await Client.PostAsync("/api/generate-batch",
            new StringContent("{\"template_id\": \"offer\", \"items\": [", System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)malformed.StatusCode, Is.EqualTo(400));
        Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Csv_batch_makes_one_poster_per_row()
    {
        var header = string.Join(',', Fixtures.PosterData(0).Keys);
        var rows = Enumerable.Range(0, 3).Select(i => string.Join(',', Fixtures.PosterData(i).Values.Select(v => $"\"{v}\"")));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("offer"), "template_id" },
            { new StringContent(string.Join('\n', rows.Prepend(header))), "file", "offers.csv" },
        };

        var accepted = await Client.PostAsync("/api/generate-batch/csv", form);

        Assert.That((int)accepted.StatusCode, Is.EqualTo(202), await accepted.Content.ReadAsStringAsync());
        var job = await accepted.ReadJsonAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = await ReadStreamAsync(job.GetProperty("sse_endpoint").GetString()!, timeout.Token);
        Assert.That(events.Count(e => e.Event == "poster_completed"), Is.EqualTo(3));
    }

    private Task<List<ServerSentEvent>> ReadStreamAsync(string url, CancellationToken cancellationToken) =>
        ReadStreamAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);

    private async Task<List<ServerSentEvent>> ReadStreamAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var events = new List<ServerSentEvent>();
        await foreach (var e in ServerSentEvent.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken))
            events.Add(e);
        return events;
    }
}
