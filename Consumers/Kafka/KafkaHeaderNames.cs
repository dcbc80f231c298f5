namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Header names on the render and dead-letter topics. Values are UTF-8 text so kcat, rpk and
/// support staff can read them.
/// </summary>
internal static class KafkaHeaderNames
{
    public const string MessageType = "message-type";
    public const string ContentType = "content-type";

    // What support and a replay tool need to find and judge a dead-lettered message.
    public const string OriginalTopic = "dlt-original-topic";
    public const string OriginalPartition = "dlt-original-partition";
    public const string OriginalOffset = "dlt-original-offset";
    public const string ConsumerGroup = "dlt-consumer-group";
    public const string Reason = "dlt-reason";
    public const string ExceptionType = "dlt-exception-type";
    public const string Attempts = "dlt-attempts";
    public const string FailedAt = "dlt-failed-at";
    public const string JobId = "job-id";
    public const string ItemIndex = "item-index";
}
