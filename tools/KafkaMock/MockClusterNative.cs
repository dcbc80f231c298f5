using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace PosterGen.Tools.KafkaMock;

/// <summary>
/// The parts of librdkafka's mock cluster API that Confluent.Kafka does not wrap. The calls must go
/// to the very copy of librdkafka that Confluent.Kafka loaded (the cluster is state inside it), which
/// is a runtime-specific file (centos8-librdkafka.so here) that <c>DllImport("librdkafka")</c> alone
/// does not find.
/// </summary>
internal static class MockClusterNative
{
    private const string Library = "librdkafka";

    static MockClusterNative() =>
        NativeLibrary.SetDllImportResolver(typeof(MockClusterNative).Assembly, (name, _, _) =>
            name == Library ? NativeLibrary.Load(LoadedLibrdkafkaPath()) : IntPtr.Zero);

    /// <summary>The mock cluster owned by <paramref name="client"/>, which was built with test.mock.num.brokers.</summary>
    public static IntPtr ClusterOf(IClient client)
    {
        // Confluent.Kafka keeps the rd_kafka_t* internal; reflection is the only way to it.
        var property = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Confluent.Kafka.Handle.LibrdkafkaHandle not found: has Confluent.Kafka changed?");
        var handle = (SafeHandle)property.GetValue(client.Handle)!;
        var cluster = rd_kafka_handle_mock_cluster(handle.DangerousGetHandle());
        return cluster != IntPtr.Zero
            ? cluster
            : throw new InvalidOperationException("The client has no mock cluster (test.mock.num.brokers not set?).");
    }

    public static void CreateTopic(IntPtr cluster, TopicSpec topic)
    {
        var error = (ErrorCode)rd_kafka_mock_topic_create(cluster, topic.Name, topic.Partitions, 1);
        if (error != ErrorCode.NoError)
            throw new KafkaException(error);
    }

    /// <summary>Removes the broker's 3 s wait before the first rebalance of a new group.</summary>
    public static void DisableInitialRebalanceDelay(IntPtr cluster) =>
        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);

    private static string LoadedLibrdkafkaPath()
    {
        // Whatever file Confluent.Kafka chose is mapped into this process already.
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var path = line.IndexOf('/') is var start and >= 0 ? line[start..] : "";
            if (Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
                return path;
        }
        throw new InvalidOperationException("librdkafka is not loaded yet: build a Kafka client first.");
    }

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_topic_create(
        IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitionCount, int replicationFactor);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);
}
