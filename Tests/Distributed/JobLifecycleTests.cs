using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence.Providers;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// Every job ends, and every effect happens once, on the production shape: processes that start
/// together, a broker that is down, a job with nobody to render it, a cancel mid-batch and a retry
/// of what failed.
/// </summary>
[NonParallelizable]
public class JobLifecycleTests
{
    private static readonly TimeSpan JobTimeLimit = TimeSpan.FromMinutes(5);
    private DistributedCluster cluster = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        // api, saga and two renderers started in the same second on an empty database all migrate at
        // start: one applies the migrations, the others wait for it and find nothing to do.
        cluster = await DistributedCluster.StartAsync(migrateTogether: true);
        template = await cluster.UploadTemplateAsync("lifecycle");
    }

    [OneTimeTearDown]
    public async Task Stop() => await cluster.DisposeAsync();

    [Test, Order(1)]
    public async Task Processes_started_together_on_an_empty_database_all_become_ready()
    {
        foreach (var process in new[] { cluster.Api, cluster.Saga }.Concat(cluster.Renderers))
            Assert.That(process.HasExited, Is.False, $"{process.Name} exited:\n{process.Log}");
        await using var db = new PostgresPosterGenDbContext(new DbContextOptionsBuilder<PostgresPosterGenDbContext>()
            .UseNpgsql(cluster.DatabaseConnectionString).UseSnakeCaseNamingConvention().Options);
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""), Is.EqualTo(db.Database.GetMigrations().Count()),
            "each migration applied once");
        var jobId = await cluster.SubmitAsync(template, 5);
        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());
    }

    [Test, Order(2)]
    public async Task A_batch_submitted_while_RabbitMQ_is_down_is_accepted_at_once_and_completes_once_after_an_api_kill()
    {
        const string queue = "billing-job-completed";
        await (await EventSubscriber.StartAsync(cluster.RabbitMqUri, "PosterGen.Contracts:JobCompleted", queue)).DisposeAsync();
        Guid jobId;
        await Stack.RunAsync("stop-rabbitmq");
        try
        {
            var clock = Stopwatch.StartNew();
            using var impatient = new HttpClient { BaseAddress = cluster.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var response = await impatient.PostJsonAsync("/api/generate-batch", new
            {
                template_id = template,
                items = Enumerable.Range(0, 20).Select(i => new { entity_id = $"down{i}", n = $"{Guid.NewGuid():N} {i}" }),
            });
            Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
            TestContext.Out.WriteLine($"202 after {clock.ElapsedMilliseconds} ms with RabbitMQ down");
            jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();

            // Committed with the items, not sent: there is no broker to send it to.
            Assert.That(await cluster.ScalarAsync(
                "SELECT count(*) FROM outbox_messages WHERE message_type = 'PosterGen.Contracts.BatchRequested' AND sent_at IS NULL AND body LIKE '%' || $1 || '%'",
                jobId.ToString()), Is.EqualTo(1));
            await cluster.RestartApiAsync(kill: true);
        }
        finally
        {
            await Stack.RunAsync("start-rabbitmq");
        }

        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(20));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", jobId), Is.EqualTo(20));
        Assert.That(await cluster.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'PosterGen.Contracts.BatchRequested' AND sent_at IS NOT NULL AND body LIKE '%' || $1 || '%'",
            jobId.ToString()), Is.EqualTo(1));
        Assert.That(await cluster.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'PosterGen.Contracts.DispatchBatch' AND body LIKE '%' || $1 || '%'",
            jobId.ToString()), Is.EqualTo(1), "the saga handled BatchRequested once");

        await using var subscriber = await EventSubscriber.StartAsync(cluster.RabbitMqUri, "PosterGen.Contracts:JobCompleted", queue);
        await Eventually.HoldsAsync(() => subscriber.For(jobId).Count > 0, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(subscriber.For(jobId), Has.Count.EqualTo(1));
    }

    [Test, Order(3)]
    public async Task With_no_render_process_the_job_fails_at_its_deadline_with_every_item_failed_and_one_JobFailed()
    {
        await using var jobsFailed = await EventSubscriber.StartAsync(cluster.RabbitMqUri, "PosterGen.Contracts:JobFailed");
        await cluster.StopRenderersAsync();
        try
        {
            var response = await cluster.Client.PostJsonAsync("/api/generate-batch", new
            {
                template_id = template,
                options = new { deadline_seconds = 3 },
                items = Enumerable.Range(0, 30).Select(i => new { n = $"{Guid.NewGuid():N} {i}" }),
            });
            Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
            var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();

            var status = await cluster.WaitForJobAsync(jobId, TimeSpan.FromMinutes(1));

            Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("failed"), status.ToString());
            Assert.That(status.GetProperty("failure_reason").GetString(), Does.Contain("deadline").And.Contain("30 of 30 items unfinished"));
            Assert.That(status.GetProperty("failure_count").GetInt32(), Is.EqualTo(30));
            Assert.That(await cluster.ScalarAsync(
                "SELECT count(*) FROM poster_results WHERE job_id = $1 AND status = 'failed' AND error LIKE '%deadline%'", jobId), Is.EqualTo(30));
            await Eventually.HoldsAsync(() => jobsFailed.For(jobId).Count > 0, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.That(jobsFailed.For(jobId), Has.Count.EqualTo(1));
        }
        finally
        {
            await cluster.StartRendererAsync();
            await cluster.StartRendererAsync();
        }
    }

    [Test, Order(4)]
    public async Task A_cancel_at_a_tenth_of_a_400_item_batch_stops_rendering_and_accounts_for_every_item()
    {
        await using var jobsCancelled = await EventSubscriber.StartAsync(cluster.RabbitMqUri, "PosterGen.Contracts:JobCancelled");
        var jobId = await cluster.SubmitAsync(template, 400);
        await Eventually.HoldsAsync(async () => await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", jobId) >= 40,
            JobTimeLimit);

        var cancel = await cluster.Client.PostAsync($"/api/jobs/{jobId}/cancel", null);
        Assert.That((int)cancel.StatusCode, Is.EqualTo(202), await cancel.Content.ReadAsStringAsync());
        var renderedAt202 = await RenderedAsync(jobId);
        // The cancel takes hold when the saga has it: from then on no renderer starts one of its items.
        await Eventually.HoldsAsync(async () => await cluster.ScalarAsync(
            "SELECT count(*) FROM batch_job_state WHERE correlation_id = $1 AND current_state NOT IN ('Dispatching', 'Rendering')", jobId) == 1, JobTimeLimit);
        var renderedAtCancel = await RenderedAsync(jobId);
        TestContext.Out.WriteLine($"rendered: {renderedAt202} at the 202, {renderedAtCancel} when the saga had the cancel");

        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("cancelled"), status.ToString());
        int rendered = status.GetProperty("success_count").GetInt32(), failed = status.GetProperty("failure_count").GetInt32(),
            cancelled = status.GetProperty("cancelled_count").GetInt32();
        Assert.That(rendered + failed + cancelled, Is.EqualTo(400));
        Assert.That(cancelled, Is.GreaterThan(0));
        // What two renderers had in hand (RenderQueue:WorkerCount each) may finish; their prefetched messages are skipped.
        Assert.That(rendered - renderedAtCancel, Is.LessThanOrEqualTo(2 * 2 * Environment.ProcessorCount), "posters rendered after the cancel");

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", jobId), Is.EqualTo(400));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1 AND status = 'rendered'", jobId), Is.EqualTo(rendered));
        Assert.That(jobsCancelled.For(jobId), Has.Count.EqualTo(1));
        var again = await cluster.Client.PostAsync($"/api/jobs/{jobId}/cancel", null);
        Assert.That((int)again.StatusCode, Is.EqualTo(409));
        Assert.That((int)(await cluster.Client.PostAsync($"/api/jobs/{Guid.NewGuid()}/cancel", null)).StatusCode, Is.EqualTo(404));
    }

    [Test, Order(5)]
    public async Task Retry_failed_renders_exactly_the_failed_items_once_their_cause_is_fixed()
    {
        // Items naming a logo the template does not have yet fail at once; the others render.
        var section = await cluster.Client.UploadTemplateAsync("retry",
            "<div style=\"width:160px;height:90px\">{{n}}{{#if logo}}<img src=\"https://assets.postergen.invalid/{{logo}}\">{{/if}}</div>", 160, 90);
        var response = await cluster.Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = section,
            items = Enumerable.Range(0, 6).Select(i => new { entity_id = $"r{i}", n = $"{Guid.NewGuid():N}", logo = i % 2 == 0 ? "late.png" : "" }),
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        var original = await cluster.WaitForJobAsync(jobId, JobTimeLimit);
        Assert.That(original.GetProperty("failure_count").GetInt32(), Is.EqualTo(3), original.ToString());

        var png = Png.Solid(4, 4, 255, 0, 0);
        var upload = await cluster.Client.PutAsync($"/api/templates/{section}/assets/late.png", new ByteArrayContent(png));
        Assert.That((int)upload.StatusCode, Is.EqualTo(201), await upload.Content.ReadAsStringAsync());

        var retry = await cluster.Client.PostAsync($"/api/jobs/{jobId}/retry-failed", null);
        Assert.That((int)retry.StatusCode, Is.EqualTo(202), await retry.Content.ReadAsStringAsync());
        var retryId = (await retry.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        var retried = await cluster.WaitForJobAsync(retryId, JobTimeLimit);

        Assert.That(retried.GetProperty("status").GetString(), Is.EqualTo("completed"), retried.ToString());
        Assert.That(retried.GetProperty("total_items").GetInt32(), Is.EqualTo(3));
        Assert.That(retried.GetProperty("retry_of").GetGuid(), Is.EqualTo(jobId));
        var full = await (await cluster.Client.GetAsync($"/api/jobs/{retryId}")).ReadJsonAsync();
        Assert.That(full.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entity_id").GetString()),
            Is.EqualTo(new[] { "r0", "r2", "r4" }));
        var after = await (await cluster.Client.GetAsync($"/api/jobs/{jobId}?page_size=1")).ReadJsonAsync();
        Assert.That(after.GetProperty("retried_by").GetGuid(), Is.EqualTo(retryId));

        var nothing = await cluster.Client.PostAsync($"/api/jobs/{retryId}/retry-failed", null);
        Assert.That((int)nothing.StatusCode, Is.EqualTo(409));
    }

    private Task<long> RenderedAsync(Guid jobId) =>
        cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1 AND status = 'rendered'", jobId);
}
