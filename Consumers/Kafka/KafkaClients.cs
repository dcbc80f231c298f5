using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace PosterGen.Consumers.Kafka;

/// <summary>Client configurations and librdkafka's log routed to <see cref="ILogger"/>.</summary>
internal static class KafkaClients
{
    public static ProducerConfig ProducerConfig(KafkaOptions options) => new(Common(options))
    {
        // Idempotence keeps a retried batch from landing twice or out of order; it implies acks=all.
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 5,
        MessageTimeoutMs = options.ProduceTimeoutMs,
    };

    public static ConsumerConfig ConsumerConfig(KafkaOptions options, string groupId) => new(Common(options))
    {
        GroupId = groupId,
        // Offsets are committed by KafkaRenderConsumer alone, and only past completed work.
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        // A new group must see the work queued before it first joined.
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = options.SessionTimeoutMs,
        HeartbeatIntervalMs = options.HeartbeatIntervalMs,
        // A replica joining or leaving moves only the partitions that change owner; the others
        // keep rendering instead of draining at every rebalance.
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        // A lane first produced to after this member subscribed (where the broker creates topics
        // on first use) is noticed within this time rather than librdkafka's default five minutes.
        TopicMetadataRefreshIntervalMs = 10_000,
    };

    public static AdminClientConfig AdminConfig(KafkaOptions options) => new(Common(options));

    public static void Log(ILogger logger, LogMessage message) =>
        // Microsoft.Extensions.Logging's levels, Trace (0) to Critical (5), are what LevelAs maps to.
        logger.Log((LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging),
            "librdkafka {Facility} {Client}: {KafkaMessage}", message.Facility, message.Name, message.Message);

    public static void Error(ILogger logger, Error error) =>
        logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Warning,
            "Kafka error {Code}: {Reason}", error.Code, error.Reason);

    private static Dictionary<string, string> Common(KafkaOptions options) =>
        new(options.Client) { ["bootstrap.servers"] = options.BootstrapServers };
}
