using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Section <c>Kafka</c>, bound and checked at start when <c>RenderQueue:Transport</c> is <c>kafka</c>.
/// The commit settings mirror the MassTransit Kafka rider's <c>CheckpointMessageCount</c> and
/// <c>CheckpointInterval</c>.
/// </summary>
public class KafkaOptions
{
    public const string SectionName = "Kafka";
    private const string TopicPattern = "^[a-zA-Z0-9._-]{1,249}$";

    /// <summary>Comma-separated <c>host:port</c> list, e.g. <c>redpanda:9092</c>.</summary>
    [Required(ErrorMessage = "Kafka:BootstrapServers is required when RenderQueue:Transport is 'kafka'.")]
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// The render topic for priorities 4-7. Kafka has no priorities, so priorities 1-3 travel on
    /// <c>&lt;Topic&gt;.urgent</c> and 8-10 on <c>&lt;Topic&gt;.bulk</c> (see <see cref="RenderTopics"/>).
    /// </summary>
    [Required(ErrorMessage = "Kafka:Topic is required."),
     RegularExpression("^[a-zA-Z0-9._-]{1,242}$", ErrorMessage = "Kafka:Topic must be 1-242 letters, digits, '.', '_' or '-'.")]
    public string Topic { get; set; } = "poster.render";

    /// <summary>The render topics, most urgent lane first.</summary>
    public IReadOnlyList<string> RenderTopics => [UrgentTopic, Topic, $"{Topic}.bulk"];

    /// <summary>The lane that priorities 1-3 travel on; a consumer of its own serves it first.</summary>
    public string UrgentTopic => $"{Topic}.urgent";

    /// <summary>The lane a poster of <paramref name="priority"/> (1 first, 10 last) travels on.</summary>
    public string TopicFor(int priority) => RenderTopics[priority <= 3 ? 0 : priority <= 7 ? 1 : 2];

    /// <summary>0 for the most urgent lane, 1 and 2 for the others.</summary>
    public int LaneOf(string topic) => topic == UrgentTopic ? 0 : topic == Topic ? 1 : 2;

    /// <summary>Where poison messages go; <c>&lt;Topic&gt;.dead-letter</c> unless set.</summary>
    [RegularExpression(TopicPattern, ErrorMessage = "Kafka:DeadLetterTopic must be 1-249 letters, digits, '.', '_' or '-'.")]
    public string? DeadLetterTopic
    {
        get => string.IsNullOrWhiteSpace(field) ? $"{Topic}.dead-letter" : field;
        set;
    }

    /// <summary>The render processes' consumer group for the normal and bulk lanes.</summary>
    [Required(ErrorMessage = "Kafka:GroupId is required.")]
    public string GroupId { get; set; } = "postergen-render";

    /// <summary>
    /// The group for the urgent lane: a group of its own, so its members joining and leaving never
    /// rebalance (and fence the commits of) the members working through the other lanes.
    /// </summary>
    public string UrgentGroupId => $"{GroupId}.urgent";

    /// <summary>
    /// Create the topics at start when missing (Redpanda does not auto-create them by default).
    /// Switch off where the admin API is unavailable, e.g. librdkafka's mock cluster.
    /// </summary>
    public bool ProvisionTopics { get; set; } = true;

    /// <summary>Partitions of a provisioned render topic: the most render processes that can share the work.</summary>
    [Range(1, 10_000, ErrorMessage = "Kafka:Partitions must be between 1 and 10000.")]
    public int Partitions { get; set; } = 8;

    /// <summary>Replicas of a provisioned topic; -1 takes the broker's default.</summary>
    [Range(-1, 32, ErrorMessage = "Kafka:ReplicationFactor must be -1 (broker default) or between 1 and 32.")]
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>Commit after this many messages completed since the last commit...</summary>
    [Range(1, 100_000, ErrorMessage = "Kafka:CommitBatchSize must be between 1 and 100000.")]
    public int CommitBatchSize { get; set; } = 100;

    /// <summary>...or when this long has passed with something to commit.</summary>
    [Range(10, 600_000, ErrorMessage = "Kafka:CommitIntervalMs must be between 10 and 600000.")]
    public int CommitIntervalMs { get; set; } = 1000;

    [Range(1000, 3_600_000, ErrorMessage = "Kafka:SessionTimeoutMs must be between 1000 and 3600000.")]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>Must be below <see cref="SessionTimeoutMs"/>; a third of it is usual.</summary>
    [Range(100, 3_600_000, ErrorMessage = "Kafka:HeartbeatIntervalMs must be between 100 and 3600000.")]
    public int HeartbeatIntervalMs { get; set; } = 3000;

    /// <summary>
    /// Handler attempts for one message before it is dead-lettered. With the doubling delay (capped
    /// at 30 s) the default keeps trying for about two and a half minutes: a database or broker
    /// restart delays posters, it does not dead-letter them.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Kafka:HandlerAttempts must be between 1 and 100.")]
    public int HandlerAttempts { get; set; } = 10;

    /// <summary>Wait before the second attempt; it doubles before each further one.</summary>
    [Range(0, 600_000, ErrorMessage = "Kafka:RetryDelayMs must be between 0 and 600000.")]
    public int RetryDelayMs { get; set; } = 1000;

    /// <summary>
    /// How long revoked partitions and shutdown wait for messages in flight before abandoning them
    /// (uncommitted, so redelivered). Keep it below the host's shutdown timeout (30 s by default).
    /// </summary>
    [Range(0, 300_000, ErrorMessage = "Kafka:DrainTimeoutMs must be between 0 and 300000.")]
    public int DrainTimeoutMs { get; set; } = 20_000;

    /// <summary>How long a produced message may wait for the broker's acknowledgement before enqueueing fails.</summary>
    [Range(1000, 900_000, ErrorMessage = "Kafka:ProduceTimeoutMs must be between 1000 and 900000.")]
    public int ProduceTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// Further librdkafka properties for every client, e.g. <c>security.protocol</c>,
    /// <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>sasl.password</c> (from the environment).
    /// Never logged.
    /// </summary>
    public Dictionary<string, string> Client { get; set; } = [];
}
