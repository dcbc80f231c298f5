// Saga bookkeeping benchmark: how many outcome events per second the BatchJob saga absorbs on
// PostgreSQL with row locking, with no rendering at all. bench/saga.sh runs it in phases around a
// saga process:
//   live <rabbit> <db> <jobs> <items>    saga running: J jobs, then J x N PosterRendered published
//                                        by 16 publishers at once; clock from first outcome to the
//                                        last job Completed. Baseline: the same messages through
//                                        the same RabbitMQ to a consumer that does nothing.
//   prepare <rabbit> <db> <jobs> <items> saga running: J more jobs, waits until they are Rendering
//   publish <rabbit> <db> <jobs> <items> saga stopped: their outcomes wait in its queue
//   drain <rabbit> <db> <jobs> <items> <saga url>
//                                        saga starting: clock from its readiness to the last job
//                                        Completed, i.e. what the saga alone absorbs, whatever the
//                                        publishers could do. Baseline: the same number of messages
//                                        drained from a filled queue by a consumer that does nothing.
using System.Diagnostics;
using MassTransit;
using Npgsql;
using PosterGen.Bench.Saga;
using PosterGen.Contracts;

var phase = args[0];
var rabbit = new Uri(args[1]);
var database = args[2];
var jobs = int.Parse(args[3]);
var items = int.Parse(args[4]);
var outcomes = jobs * items;
const string Bench = "bench-drain";

switch (phase)
{
    case "live":
        Console.WriteLine($"jobs: {jobs} x {items} items = {outcomes} outcome events, cores: {Environment.ProcessorCount}");
        var liveBaseline = await BaselineAsync(drain: false);
        var jobIds = await RequestJobsAsync();
        var live = Stopwatch.StartNew();
        await PublishOutcomesAsync(jobIds);
        await WaitForAsync("Completed", jobIds);
        Report("live", liveBaseline, live.Elapsed, "published while the saga consumes");
        break;
    case "prepare":
        await RequestJobsAsync();
        break;
    case "publish":
        await PublishOutcomesAsync(await ReadJobsAsync("Rendering"));
        break;
    case "drain":
        var prepared = await ReadJobsAsync("Rendering");
        await WaitUntilReadyAsync(new Uri(args[5]));
        var drain = Stopwatch.StartNew();
        await WaitForAsync("Completed", prepared);
        drain.Stop();
        Report("drain", await BaselineAsync(drain: true), drain.Elapsed, "queued while the saga was stopped, then absorbed");
        break;
    default:
        throw new ArgumentException($"Unknown phase '{phase}'.");
}

void Report(string label, TimeSpan baseline, TimeSpan saga, string how)
{
    Console.WriteLine($"{label} baseline : {outcomes / baseline.TotalSeconds,8:F0} msgs/s (RabbitMQ, no-op consumer, {baseline.TotalSeconds:F1} s)");
    Console.WriteLine($"{label} saga     : {outcomes / saga.TotalSeconds,8:F0} outcomes/s (PostgreSQL, SELECT ... FOR UPDATE, {saga.TotalSeconds:F1} s; {how})");
    Console.WriteLine($"{label} ratio    : {baseline.TotalSeconds / saga.TotalSeconds:F2}x of the transport alone");
}

async Task<TimeSpan> BaselineAsync(bool drain)
{
    var consumed = 0;
    var done = new TaskCompletionSource();
    var clock = new Stopwatch();
    var bus = Bus.Factory.CreateUsingRabbitMq(b =>
    {
        b.Host(rabbit);
        b.ReceiveEndpoint($"bench-baseline-{phase}", e =>
        {
            e.PrefetchCount = 64;
            e.Handler<BaselineOutcome>(_ =>
            {
                if (Interlocked.Increment(ref consumed) == outcomes) done.TrySetResult();
                return Task.CompletedTask;
            });
        });
    });
    if (drain)
    {
        // Declare and bind the queue, leave it, fill it, then time the consumer alone.
        await bus.StartAsync();
        await bus.StopAsync();
        await WithBusAsync(publisher => Publishers(i => publisher.Publish(new BaselineOutcome(Guid.Empty, i))));
        await bus.StartAsync();
        clock.Start();
    }
    else
    {
        await bus.StartAsync();
        clock.Start();
        await Publishers(i => bus.Publish(new BaselineOutcome(Guid.Empty, i)));
    }
    await done.Task;
    clock.Stop();
    await bus.StopAsync();
    return clock.Elapsed;
}

async Task<Guid[]> RequestJobsAsync()
{
    var ids = Enumerable.Range(0, jobs).Select(_ => NewId.NextGuid()).ToArray();
    await WithBusAsync(async bus =>
    {
        foreach (var id in ids)
            await bus.Publish(new BatchRequested(id, Bench, 1, items, new RenderOptions(), Bench, DateTimeOffset.UtcNow, DeadlineSeconds: 3600));
    });
    await WaitForAsync("Rendering", ids);
    return ids;
}

Task PublishOutcomesAsync(Guid[] ids) =>
    WithBusAsync(bus => Publishers(i => bus.Publish(new PosterRendered(ids[i % ids.Length], i / ids.Length, null, Bench, 0, false, DateTimeOffset.UtcNow))));

async Task WithBusAsync(Func<IBus, Task> use)
{
    var bus = Bus.Factory.CreateUsingRabbitMq(b => b.Host(rabbit));
    await bus.StartAsync();
    try { await use(bus); }
    finally { await bus.StopAsync(); }
}

async Task Publishers(Func<int, Task> publish)
{
    // Several publishers at once, as several renderers would be.
    const int publishers = 16;
    await Task.WhenAll(Enumerable.Range(0, publishers).Select(async p =>
    {
        for (var i = p; i < outcomes; i += publishers)
            await publish(i);
    }));
}

async Task<Guid[]> ReadJobsAsync(string state)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT correlation_id FROM batch_job_state WHERE current_state = $1 AND template_key = $2", connection)
    {
        Parameters = { new() { Value = state }, new() { Value = Bench } },
    };
    var ids = new List<Guid>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        ids.Add(reader.GetGuid(0));
    return ids.Count == jobs ? [.. ids] : throw new InvalidOperationException($"Expected {jobs} jobs {state}, found {ids.Count}.");
}

async Task WaitUntilReadyAsync(Uri saga)
{
    using var http = new HttpClient { BaseAddress = saga, Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow.AddMinutes(2);
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
        await Task.Delay(20);
    }
    throw new TimeoutException("The saga process did not become ready.");
}

async Task WaitForAsync(string state, Guid[] ids)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (DateTime.UtcNow < deadline)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM batch_job_state WHERE current_state = $1 AND correlation_id = ANY($2)", connection)
        {
            Parameters = { new() { Value = state }, new() { Value = ids } },
        };
        if (Convert.ToInt32(await command.ExecuteScalarAsync()) == ids.Length) return;
        await Task.Delay(20);
    }
    throw new TimeoutException($"Gave up waiting for {ids.Length} jobs to be {state}.");
}
