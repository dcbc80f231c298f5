using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosterGen.Consumers.Kafka;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Contracts;

namespace PosterGen.Tests.Kafka;

/// <summary>
/// A librdkafka mock cluster per fixture (the real protocol over loopback), and per test a topic
/// (4 partitions), a consumer group and renderer hosts of its own.
/// </summary>
public abstract class KafkaTestBase
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private KafkaMockCluster _cluster = null!;
    private IProducer<byte[]?, byte[]?> _producer = null!;
    private IAdminClient _admin = null!;
    private readonly List<IHost> _hosts = [];

    protected string Topic { get; private set; } = null!;
    protected string Group { get; private set; } = null!;
    protected Guid Job { get; private set; }

    [OneTimeSetUp]
    public void StartCluster()
    {
        _cluster = new KafkaMockCluster();
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        _admin = new DependentAdminClientBuilder(_producer.Handle).Build();
    }

    [OneTimeTearDown]
    public void StopCluster()
    {
        _admin.Dispose();
        _producer.Dispose();
        _cluster.Dispose();
    }

    [SetUp]
    public void NameTopic()
    {
        Topic = $"render-{Guid.NewGuid():N}";
        Group = $"group-{Guid.NewGuid():N}";
        Job = Guid.NewGuid();
        // The mock creates a topic when a producer first asks for it; provisioning would, elsewhere.
        foreach (var lane in new KafkaOptions { Topic = Topic }.RenderTopics)
            Partitions(lane);
    }

    [TearDown]
    public async Task StopHosts()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        _hosts.Clear();
    }

    /// <summary>A render process: the Kafka queue and consumer with <paramref name="handler"/>, built but not started.</summary>
    protected IHost Renderer(RecordingRenderPosterHandler handler, Dictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RenderQueue:WorkerCount"] = "4",
            ["Kafka:BootstrapServers"] = _cluster.BootstrapServers,
            ["Kafka:Topic"] = Topic,
            ["Kafka:GroupId"] = Group,
            ["Kafka:ProvisionTopics"] = "false",
            ["Kafka:SessionTimeoutMs"] = "3000",
            ["Kafka:HeartbeatIntervalMs"] = "500",
            ["Kafka:CommitIntervalMs"] = "50",
            ["Kafka:HandlerAttempts"] = "3",
            ["Kafka:RetryDelayMs"] = "10",
            ["Kafka:DrainTimeoutMs"] = "5000",
        });
        builder.Configuration.AddInMemoryCollection(overrides ?? []);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<RenderQueueOptions>().BindConfiguration(RenderQueueOptions.SectionName);
        builder.Services.AddSingleton<IRenderPosterHandler>(handler);
        builder.AddKafkaRenderQueue(renders: true);
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    protected RenderPoster Poster(int index) => Poster(index, RenderOptions.Default.Priority);

    private RenderPoster Poster(int index, int priority) =>
        new(Job, index, $"offer-{index}", "card", 1, JsonSerializer.SerializeToElement(new { title = $"#{index}" }),
            RenderOptions.Default with { Priority = priority });

    protected List<RenderPoster> Posters(int from, int count, int priority = 5) =>
        Enumerable.Range(from, count).Select(i => Poster(i, priority)).ToList();

    protected Task Produce(int partition, Message<byte[]?, byte[]?> message) =>
        _producer.ProduceAsync(new TopicPartition(Topic, partition), message);

    private List<TopicPartition> Partitions(string topic) =>
        _admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();

    /// <summary>The group's committed offsets per partition of the render topic, or another (-1001: none yet).</summary>
    protected Dictionary<int, long> Committed(string? topic = null, string? group = null)
    {
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = group ?? Group }).Build();
        return reader.Committed(Partitions(topic ?? Topic), TimeSpan.FromSeconds(5)).OrderBy(o => o.Partition.Value).ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    /// <summary>Every partition committed to its end offset; an empty partition needs no commit.</summary>
    protected bool CommittedToEnd() => CommittedToEnd(Topic);

    protected bool CommittedToEnd(string topic, string? group = null)
    {
        var committed = Committed(topic, group);
        return EndOffsets(topic).All(end => end.Value == 0 || committed[end.Key] == end.Value);
    }

    protected Dictionary<int, long> EndOffsets(string topic)
    {
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = Group }).Build();
        return Partitions(topic).ToDictionary(p => p.Partition.Value, p => reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(5)).High.Value);
    }

    protected List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int expected)
    {
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        reader.Assign(Partitions(topic).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var clock = Stopwatch.StartNew();
        while (records.Count < expected && clock.Elapsed < Timeout)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(100)) is { } record)
                records.Add(record);
        }
        return records;
    }

    protected static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    protected static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Timeout)
                Assert.Fail($"Timed out after {Timeout.TotalSeconds} s waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
