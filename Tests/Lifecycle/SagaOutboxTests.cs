using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.TestHost;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Lifecycle;

/// <summary>
/// The saga's events are outbox rows of the saga row's own transaction: a failed commit leaves
/// neither the new state nor its event, the commit that succeeds leaves both.
/// </summary>
public class SagaOutboxTests
{
    [Test]
    public async Task The_saga_row_and_its_DispatchBatch_are_committed_together_or_not_at_all()
    {
        var fault = new CommitFault();
        using var factory = new PosterGenFactory();
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(fault))).CreateClient();
        var template = await client.UploadTemplateAsync("outbox", "<p>{{n}}</p>", 120, 60);

        var response = await client.PostJsonAsync("/api/generate-batch", new { template_id = template, items = new[] { new { n = "a" }, new { n = "b" } } });
        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();

        await fault.FirstFailed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fault.SecondWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var database = Path.Combine(factory.Directory, "postergen.db");
        Assert.That(await SagaRowsAsync(database, jobId), Is.Zero, "the failed commit left no saga row");
        Assert.That(await DispatchRowsAsync(database, jobId), Is.Zero, "the failed commit left no DispatchBatch");
        Assert.That(await InboxRowsAsync(database), Is.Zero, "the failed commit did not mark BatchRequested consumed");

        fault.Release.SetResult();
        var status = await client.WaitForJobAsync($"/api/jobs/{jobId}");
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(2));
        Assert.That(await SagaRowsAsync(database, jobId), Is.EqualTo(1));
        Assert.That(await DispatchRowsAsync(database, jobId), Is.EqualTo(1), "one DispatchBatch, committed with the row");
        Assert.That(await InboxRowsAsync(database), Is.GreaterThanOrEqualTo(1));
    }

    private static Task<long> SagaRowsAsync(string database, Guid jobId) =>
        SqliteFile.ScalarAsync(database, $"SELECT count(*) FROM batch_job_state WHERE lower(correlation_id) = '{jobId}'");

    private static Task<long> DispatchRowsAsync(string database, Guid jobId) =>
        SqliteFile.ScalarAsync(database, $"SELECT count(*) FROM outbox_messages WHERE message_type = 'PosterGen.Contracts.DispatchBatch' AND body LIKE '%{jobId}%'");

    private static Task<long> InboxRowsAsync(string database) =>
        SqliteFile.ScalarAsync(database, "SELECT count(*) FROM inbox_messages WHERE consumer = 'BatchJobState'");
}
