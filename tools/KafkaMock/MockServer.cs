using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace PosterGen.Tools.KafkaMock;

/// <summary>Hosts a mock cluster until SIGTERM or SIGINT.</summary>
internal static class MockServer
{
    public static async Task<int> RunAsync(string bootstrapFile, IReadOnlyList<TopicSpec> topics)
    {
        // Without bootstrap.servers, this setting makes the client start brokers of its own on random
        // 127.0.0.1 ports; they live exactly as long as this client.
        using var owner = new ProducerBuilder<Null, Null>(new Dictionary<string, string>
        {
            ["test.mock.num.brokers"] = "3",
        }).Build();

        var cluster = MockClusterNative.ClusterOf(owner);
        // A consumer group's first join otherwise waits 3 s, which every test would pay.
        MockClusterNative.DisableInitialRebalanceDelay(cluster);
        foreach (var topic in topics)
            MockClusterNative.CreateTopic(cluster, topic);

        var bootstrap = Bootstrap(owner);
        // Written last and atomically: the file's presence is the stack script's readiness signal.
        var temporary = bootstrapFile + ".tmp";
        await File.WriteAllTextAsync(temporary, bootstrap + "\n");
        File.Move(temporary, bootstrapFile, overwrite: true);
        Console.WriteLine($"kafka mock: {bootstrap} topics {string.Join(' ', topics)}");

        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await stop.Task;

        File.Delete(bootstrapFile);
        Console.WriteLine("kafka mock: stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    /// <summary>The brokers' addresses as the cluster itself reports them: what every other client connects to.</summary>
    private static string Bootstrap(IClient owner)
    {
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var brokers = admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers;
        if (brokers.Count == 0)
            throw new InvalidOperationException("The mock cluster reported no brokers.");
        return string.Join(',', brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}"));
    }
}
