using System.Diagnostics;
using Confluent.Kafka;

namespace PosterGen.Tools.KafkaMock;

/// <summary>Checks a running cluster the way PosterGen uses it: from another process, through a consumer group.</summary>
internal static class ClusterCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static int Run(string bootstrap, IReadOnlyList<TopicSpec> expected, string probe)
    {
        var clock = Stopwatch.StartNew();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        // All-topics metadata: asking for a single topic would auto-create a missing one and hide the fault.
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);

        var ok = true;
        foreach (var topic in expected)
        {
            var actual = topics.GetValueOrDefault(topic.Name);
            ok &= actual == topic.Partitions;
            Console.WriteLine($"kafka check: {topic.Name} has {actual} partitions, expected {topic.Partitions}");
        }
        if (!topics.TryGetValue(probe, out var partitions))
        {
            Console.WriteLine($"kafka check: probe topic {probe} does not exist");
            return 1;
        }

        var received = RoundTrip(bootstrap, probe, partitions);
        ok &= received == partitions;
        Console.WriteLine($"kafka check: {probe}: {received} of {partitions} messages (one per partition) read back " +
                          $"through a consumer group; {(ok ? "ok" : "FAILED")} in {clock.ElapsedMilliseconds} ms");
        return ok ? 0 : 1;
    }

    /// <summary>Produces one message to each partition and counts how many a new consumer group reads back.</summary>
    private static int RoundTrip(string bootstrap, string topic, int partitions)
    {
        var run = Guid.NewGuid().ToString("N");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
               {
                   BootstrapServers = bootstrap,
                   Acks = Acks.All,
               }).Build())
        {
            var sends = Enumerable.Range(0, partitions).Select(p => producer.ProduceAsync(
                new TopicPartition(topic, new Partition(p)), new Message<string, string> { Key = run, Value = $"probe {p}" }));
            Task.WaitAll([.. sends]);
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"kafkamock-check-{run}",
            // The values PosterGen's tests use: with the default 45 s a rebalance waits that long.
            SessionTimeoutMs = 3000,
            HeartbeatIntervalMs = 500,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);

        var seen = new HashSet<int>();
        var deadline = Stopwatch.StartNew();
        while (seen.Count < partitions && deadline.Elapsed < Deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            // Earlier runs' probes may still be there; only this run's count.
            if (result?.Message.Key == run)
                seen.Add(result.Partition.Value);
        }
        if (consumer.Assignment.Count != partitions)
            Console.WriteLine($"kafka check: group was assigned {consumer.Assignment.Count} of {partitions} partitions");
        if (seen.Count > 0)
            consumer.Commit();
        consumer.Close();
        return seen.Count;
    }
}
