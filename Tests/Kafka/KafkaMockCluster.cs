using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace PosterGen.Tests.Kafka;

/// <summary>
/// librdkafka's mock cluster: three brokers on loopback speaking the real Kafka protocol, living as
/// long as this object. Topics auto-create with 4 partitions on first produce. The group join delay
/// (3 s per new group) is switched off through librdkafka's mock C API.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> owner;

    public KafkaMockCluster()
    {
        owner = new ProducerBuilder<byte[], byte[]>(new ProducerConfig(new Dictionary<string, string> { ["test.mock.num.brokers"] = "3" }))
            .SetLogHandler((_, _) => { })
            .Build();
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var brokers = admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers;
        BootstrapServers = string.Join(",", brokers.Select(b => $"{b.Host}:{b.Port}"));
        RemoveInitialRebalanceDelay();
    }

    public string BootstrapServers { get; }

    public void Dispose() => owner.Dispose();

    private delegate IntPtr HandleMockCluster(IntPtr kafkaHandle);
    private delegate void SetGroupInitialRebalanceDelay(IntPtr mockCluster, int delayMs);

    /// <summary>
    /// The exports live in the librdkafka copy Confluent.Kafka already loaded (a plain DllImport
    /// would find none or another copy), so the path comes from this process's memory map.
    /// </summary>
    private void RemoveInitialRebalanceDelay()
    {
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("librdkafka"))
            .Select(fields => fields[5])
            .First();
        var library = NativeLibrary.Load(path);
        var handle = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner.Handle)!;
        var mockCluster = Marshal.GetDelegateForFunctionPointer<HandleMockCluster>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"));
        var setDelay = Marshal.GetDelegateForFunctionPointer<SetGroupInitialRebalanceDelay>(
            NativeLibrary.GetExport(library, "rd_kafka_mock_group_initial_rebalance_delay_ms"));
        setDelay(mockCluster(handle.DangerousGetHandle()), 0);
    }
}
