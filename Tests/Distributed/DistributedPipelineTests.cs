using MassTransit;
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
        var jobId = await cluster.SubmitAsync(template, 400);
        await WaitForResultsAsync(jobId, atLeast: 60);

        cluster.Renderers[0].KillHard();
        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        await AssertExactlyOnceAsync(jobId, status, 400);
        await cluster.StartRendererAsync();
    }

    [Test, Order(3)]
    public async Task Restarting_the_saga_mid_batch_keeps_exact_counts()
    {
        var jobId = await cluster.SubmitAsync(template, 400);
        await WaitForResultsAsync(jobId, atLeast: 60);

        await cluster.RestartSagaAsync();
        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        await AssertExactlyOnceAsync(jobId, status, 400);
    }

    [Test, Order(4)]
    public async Task A_postgres_restart_during_a_batch_loses_nothing()
    {
        var jobId = await cluster.SubmitAsync(template, 400);
        await WaitForResultsAsync(jobId, atLeast: 60);

        await Stack.RunAsync("restart-postgres");
        var status = await cluster.WaitForJobAsync(jobId, JobTimeLimit);

        await AssertExactlyOnceAsync(jobId, status, 400);
    }

    [Test, Order(5)]
    public async Task Duplicate_and_out_of_order_outcomes_on_the_bus_are_counted_once()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(b => b.Host(new Uri(cluster.RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            // A job whose items the test reports itself, as renderers redelivering would.
            var jobId = NewId.NextGuid();
            await bus.Publish(new BatchRequested(jobId, template, 1, 3, new RenderOptions(), "tests", DateTimeOffset.UtcNow));
            foreach (var index in new[] { 2, 0, 2, 1, 0, 1 })
                await bus.Publish(new PosterRendered(jobId, index, null, $"/posters/{index}.png", 5, false, DateTimeOffset.UtcNow));

            await WaitUntilAsync(async () => await cluster.ScalarAsync(
                "SELECT count(*) FROM batch_job_state WHERE correlation_id = $1 AND current_state = 'Completed'", jobId) == 1);
            Assert.That(await cluster.ScalarAsync("SELECT succeeded_count FROM batch_job_state WHERE correlation_id = $1", jobId), Is.EqualTo(3));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.That(jobsCompleted.For(jobId), Has.Count.EqualTo(1));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Test, Order(7)]
    public async Task Twenty_batches_submitted_at_once_all_complete_with_exact_counts()
    {
        var jobIds = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.SubmitAsync(template, 20 + i)));

        var statuses = await Task.WhenAll(jobIds.Select(id => cluster.WaitForJobAsync(id, JobTimeLimit)));

        for (var i = 0; i < jobIds.Length; i++)
            await AssertExactlyOnceAsync(jobIds[i], statuses[i], 20 + i);
    }

    private async Task AssertExactlyOnceAsync(Guid jobId, System.Text.Json.JsonElement status, int items)
    {
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(items));
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
