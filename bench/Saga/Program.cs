// Saga bookkeeping benchmark: how many outcome events per second the BatchJob saga absorbs on
// PostgreSQL with row locking, with no rendering at all. A running saga process (bench/saga.sh
// starts one) receives BatchRequested for J jobs, then J x N PosterRendered spread over the jobs;
// the clock runs from the first outcome to the last job row reaching Completed. The baseline, in
// the same run: the same number of messages through the same RabbitMQ to a consumer that does
// nothing, i.e. what the transport alone allows here.
using System.Diagnostics;
using MassTransit;
using Npgsql;
using PosterGen.Bench.Saga;
using PosterGen.Contracts;

var rabbit = new Uri(args[0]);
var database = args[1];
var jobs = int.Parse(args.ElementAtOrDefault(2) ?? "20");
var items = int.Parse(args.ElementAtOrDefault(3) ?? "1000");
var outcomes = jobs * items;
Console.WriteLine($"jobs: {jobs} x {items} items = {outcomes} outcome events, cores: {Environment.ProcessorCount}");

var baselineConsumed = 0;
var baselineDone = new TaskCompletionSource();
var bus = Bus.Factory.CreateUsingRabbitMq(b =>
{
    b.Host(rabbit);
    b.ReceiveEndpoint("bench-baseline", e =>
    {
        e.PrefetchCount = 64;
        e.Handler<BaselineOutcome>(_ =>
        {
            if (Interlocked.Increment(ref baselineConsumed) == outcomes) baselineDone.TrySetResult();
            return Task.CompletedTask;
        });
    });
});
await bus.StartAsync();
try
{
    var baseline = Stopwatch.StartNew();
    await PublishAllAsync(i => bus.Publish(new BaselineOutcome(Guid.Empty, i)));
    await baselineDone.Task;
    baseline.Stop();
    Console.WriteLine($"baseline   : {outcomes / baseline.Elapsed.TotalSeconds,8:F0} msgs/s (RabbitMQ publish + no-op consume, {baseline.Elapsed.TotalSeconds:F1} s)");

    var jobIds = Enumerable.Range(0, jobs).Select(_ => NewId.NextGuid()).ToArray();
    foreach (var jobId in jobIds)
        await bus.Publish(new BatchRequested(jobId, "bench", 1, items, new RenderOptions(), "bench", DateTimeOffset.UtcNow));
    await WaitForAsync($"SELECT count(*) FROM batch_job_state WHERE current_state = 'Rendering' AND correlation_id = ANY($1)", jobIds, jobs);

    var saga = Stopwatch.StartNew();
    await PublishAllAsync(i => bus.Publish(new PosterRendered(jobIds[i % jobs], i / jobs, null, "bench", 0, false, DateTimeOffset.UtcNow)));
    var published = saga.Elapsed;
    await WaitForAsync($"SELECT count(*) FROM batch_job_state WHERE current_state = 'Completed' AND correlation_id = ANY($1)", jobIds, jobs);
    saga.Stop();
    Console.WriteLine($"saga       : {outcomes / saga.Elapsed.TotalSeconds,8:F0} outcomes/s (PostgreSQL, SELECT ... FOR UPDATE, {saga.Elapsed.TotalSeconds:F1} s; publishing took {published.TotalSeconds:F1} s)");
    Console.WriteLine($"ratio      : {baseline.Elapsed.TotalSeconds / saga.Elapsed.TotalSeconds:F2}x of the transport alone");
}
finally
{
    await bus.StopAsync();
}

async Task PublishAllAsync(Func<int, Task> publish)
{
    // Several publishers at once, as several renderers would be.
    const int publishers = 16;
    await Task.WhenAll(Enumerable.Range(0, publishers).Select(async p =>
    {
        for (var i = p; i < outcomes; i += publishers)
            await publish(i);
    }));
}

async Task WaitForAsync(string sql, Guid[] ids, int expected)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (DateTime.UtcNow < deadline)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = ids } } };
        if (Convert.ToInt32(await command.ExecuteScalarAsync()) == expected) return;
        await Task.Delay(50);
    }
    throw new TimeoutException($"Gave up waiting for: {sql}");
}
