using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MassTransit;
using PosterGen.Consumers.Kafka;
using PosterGen.Contracts;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// The production shape on real PostgreSQL, RabbitMQ, the Kafka-protocol cluster and S3, with the
/// faults production throws at it. Every job must end with exact counts: one result row and one
/// stored poster per item, and one <c>JobCompleted</c>.
/// </summary>
[NonParallelizable]
public class DistributedPipelineTests
{
    private static readonly TimeSpan JobTimeLimit = TimeSpan.FromMinutes(6);
    private DistributedCluster cluster = null!;
    private EventSubscriber jobsCompleted = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        cluster = await DistributedCluster.StartAsync();
        jobsCompleted = await EventSubscriber.StartAsync(cluster.RabbitMqUri, "PosterGen.Contracts:JobCompleted");
        template = await cluster.UploadTemplateAsync("distributed");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await jobsCompleted.DisposeAsync();
        await cluster.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task A_thousand_posters_through_api_saga_and_two_renderers_are_counted_stored_and_announced_once()
    {
        var jobId = await cluster.SubmitAsync(template, 1000);

        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        await AssertExactlyOnceAsync(jobId, status, 1000);
        Assert.That(await cluster.ScalarAsync("SELECT succeeded FROM job_overview WHERE job_id = $1 AND result_rows = 1000", jobId), Is.EqualTo(1000));
    }

    [Test, Order(2)]
    public async Task A_renderer_killed_mid_batch_loses_nothing()
    {
        await AssertBatchSurvivesAsync(() =>
        {
            cluster.Renderers[0].KillHard();
            return Task.CompletedTask;
        });
        await cluster.StartRendererAsync();
    }

    [Test, Order(3)]
    public Task Restarting_the_saga_mid_batch_keeps_exact_counts() =>
        AssertBatchSurvivesAsync(cluster.RestartSagaAsync);

    [Test, Order(4)]
    public Task A_postgres_restart_during_a_batch_loses_nothing() =>
        AssertBatchSurvivesAsync(DistributedCluster.RestartPostgresAsync);

    [Test, Order(5)]
    public async Task Duplicate_and_out_of_order_outcomes_on_the_bus_are_counted_once()
    {
        // A job whose items the test reports itself, as renderers redelivering would.
        var jobId = NewId.NextGuid();
        await cluster.PublishAsync([new BatchRequested(jobId, template, 1, 3, new RenderOptions(), "tests", DateTimeOffset.UtcNow, DeadlineSeconds: 3600),
            .. Rendered(jobId, 2, 0, 2, 0, 2)]);
        await WaitUntilAsync(async () => await cluster.ScalarAsync(
            "SELECT count(*) FROM batch_job_state WHERE correlation_id = $1 AND succeeded_count = 2", jobId) == 1);
        // Duplicates must not complete a job whose item 1 has not reported.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await cluster.ScalarAsync("SELECT succeeded_count FROM batch_job_state WHERE correlation_id = $1", jobId), Is.EqualTo(2));
        Assert.That(jobsCompleted.For(jobId), Is.Empty);

        await cluster.PublishAsync(Rendered(jobId, 1, 0, 1));
        await WaitUntilAsync(async () => await cluster.ScalarAsync(
            "SELECT count(*) FROM batch_job_state WHERE correlation_id = $1 AND current_state = 'Completed'", jobId) == 1);
        Assert.That(await cluster.ScalarAsync("SELECT succeeded_count FROM batch_job_state WHERE correlation_id = $1", jobId), Is.EqualTo(3));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(jobsCompleted.For(jobId), Has.Count.EqualTo(1));
    }

    private static IEnumerable<object> Rendered(Guid jobId, params int[] indexes) =>
        indexes.Select(index => new PosterRendered(jobId, index, null, $"/posters/{index}.png", 5, false, DateTimeOffset.UtcNow));

    [Test, Order(6)]
    public async Task Poison_render_messages_end_on_the_dead_letter_topic_and_as_failed_rows_and_the_partitions_keep_flowing()
    {
        // A job of two items that only the poison messages below report on.
        var jobId = NewId.NextGuid();
        await cluster.PublishAsync([new BatchRequested(jobId, template, 1, 2, new RenderOptions(), "tests", DateTimeOffset.UtcNow, DeadlineSeconds: 3600)]);
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = cluster.KafkaBootstrap }).Build())
        {
            await producer.ProduceAsync(cluster.RenderTopic, new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes($"{jobId}:0"),
                Value = "{ this is not json"u8.ToArray(),
            });
            var data = JsonSerializer.SerializeToElement(new { n = "x" });
            await producer.ProduceAsync(cluster.RenderTopic, RenderPosterSerializer.ToMessage(
                new RenderPoster(jobId, 1, null, template, 99, data, new RenderOptions())));
        }

        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed_with_failures"), status.ToString());
        Assert.That(status.GetProperty("failure_count").GetInt32(), Is.EqualTo(2));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1 AND status = 'failed' AND error LIKE '%could not be read%'", jobId), Is.EqualTo(1));
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1 AND status = 'failed' AND error LIKE '%@99%'", jobId), Is.EqualTo(1));
        Assert.That(await DeadLetteredAsync(jobId, expected: 2), Is.EquivalentTo(new[] { $"{jobId}:0", $"{jobId}:1" }));

        var next = await cluster.SubmitAsync(template, 40);
        await AssertExactlyOnceAsync(next, await cluster.WaitForJobAsync(next, JobTimeLimit), 40);
    }

    [Test, Order(7)]
    public async Task Twenty_batches_submitted_at_once_all_complete_with_exact_counts()
    {
        var jobIds = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.SubmitAsync(template, 20 + i)));

        var statuses = await Task.WhenAll(jobIds.Select(id => cluster.WaitForJobAsync(id, JobTimeLimit)));

        for (var i = 0; i < jobIds.Length; i++)
            await AssertExactlyOnceAsync(jobIds[i], statuses[i], 20 + i);
    }

    [Test, Order(8)]
    public async Task A_small_urgent_batch_overtakes_a_bulk_backlog_already_on_kafka()
    {
        var bulk = await cluster.SubmitAsync(template, 400, priority: 10);
        await WaitForResultsAsync(bulk, atLeast: 20);

        var urgent = await cluster.SubmitAsync(template, 3, priority: 1);
        var urgentStatus = await cluster.WaitForJobAsync(urgent, JobTimeLimit);
        var bulkDone = await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", bulk);

        Assert.That(bulkDone, Is.LessThan(400), "the urgent batch finished while the bulk batch was still rendering");
        await AssertExactlyOnceAsync(urgent, urgentStatus, 3);
        await AssertExactlyOnceAsync(bulk, await cluster.WaitForJobAsync(bulk, JobTimeLimit), 400);
    }

    /// <summary>A 400-item batch in which <paramref name="fault"/> strikes once 60 posters are done must still end exactly once.</summary>
    private async Task AssertBatchSurvivesAsync(Func<Task> fault)
    {
        var jobId = await cluster.SubmitAsync(template, 400);
        await WaitForResultsAsync(jobId, atLeast: 60);

        await fault();
        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        await AssertExactlyOnceAsync(jobId, status, 400);
    }

    /// <summary>The keys of the job's records on the dead-letter topic, read from its start.</summary>
    private async Task<List<string>> DeadLetteredAsync(Guid jobId, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = cluster.KafkaBootstrap,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(cluster.DeadLetterTopic);
        var keys = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (keys.Count < expected && DateTime.UtcNow < deadline)
        {
            var record = await Task.Run(() => consumer.Consume(TimeSpan.FromMilliseconds(500)));
            var key = record?.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
            if (key is not null && key.StartsWith(jobId.ToString(), StringComparison.Ordinal))
                keys.Add(key);
        }
        consumer.Close();
        return keys;
    }

    private async Task AssertExactlyOnceAsync(Guid jobId, System.Text.Json.JsonElement status, int items)
    {
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(items));
        // Every outcome is published after its row commits, so by now every row is there.
        Assert.That(await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", jobId), Is.EqualTo(items));
        Assert.That(await cluster.CountStoredPostersAsync(jobId), Is.EqualTo(items));
        // A second JobCompleted would follow the first within moments if the saga counted twice.
        await WaitUntilAsync(() => Task.FromResult(jobsCompleted.For(jobId).Count > 0));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var announced = jobsCompleted.For(jobId);
        Assert.That(announced, Has.Count.EqualTo(1));
        Assert.That(announced[0].GetProperty("succeeded").GetInt32(), Is.EqualTo(items));
    }

    private Task WaitForResultsAsync(Guid jobId, int atLeast) =>
        WaitUntilAsync(async () => await cluster.ScalarAsync("SELECT count(*) FROM poster_results WHERE job_id = $1", jobId) >= atLeast);

    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + JobTimeLimit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting.\n{cluster.Logs()}");
            await Task.Delay(250);
        }
    }
}
