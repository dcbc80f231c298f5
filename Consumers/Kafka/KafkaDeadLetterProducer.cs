using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Moves a poison message to <c>Kafka:DeadLetterTopic</c>: the original key, value and headers,
/// plus <c>dlt-*</c> headers saying where it came from and why it was given up on. The copy is
/// acknowledged before the original counts as done, so nothing is lost between the two topics.
/// </summary>
internal sealed class KafkaDeadLetterProducer(
    IProducer<byte[]?, byte[]?> producer,
    IOptions<KafkaOptions> options,
    ILogger<KafkaDeadLetterProducer> logger)
{
    private const int MaxReasonLength = 2000;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Returns once the broker has the copy. A broker that refuses it is retried until
    /// <paramref name="cancellationToken"/> fires: the original stays uncommitted meanwhile.
    /// </summary>
    public async Task SendAsync(ConsumeResult<byte[]?, byte[]?> record, string reason, Exception? exception, int attempts,
        CancellationToken cancellationToken)
    {
        var topic = options.Value.DeadLetterTopic!;
        var message = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = Headers(record, reason, exception, attempts),
        };

        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await producer.ProduceAsync(topic, message, cancellationToken);
                return;
            }
            catch (KafkaException failure) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(failure, "Dead-lettering {Topic}/{Partition}@{Offset} to {DeadLetterTopic} failed; retrying in {DelayMs} ms",
                    record.Topic, record.Partition.Value, record.Offset.Value, topic, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private Headers Headers(ConsumeResult<byte[]?, byte[]?> record, string reason, Exception? exception, int attempts)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
            headers.Add(header.Key, header.GetValueBytes());

        Add(headers, KafkaHeaderNames.OriginalTopic, record.Topic);
        Add(headers, KafkaHeaderNames.OriginalPartition, record.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaHeaderNames.OriginalOffset, record.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaHeaderNames.ConsumerGroup, options.Value.GroupId);
        Add(headers, KafkaHeaderNames.Reason, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
        if (exception is not null)
            Add(headers, KafkaHeaderNames.ExceptionType, exception.GetType().FullName ?? exception.GetType().Name);
        Add(headers, KafkaHeaderNames.Attempts, attempts.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaHeaderNames.FailedAt, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

        var (jobId, itemIndex) = RenderPosterSerializer.Identify(record.Message);
        if (jobId is not null)
            Add(headers, KafkaHeaderNames.JobId, jobId.Value.ToString());
        if (itemIndex is not null)
            Add(headers, KafkaHeaderNames.ItemIndex, itemIndex.Value.ToString(CultureInfo.InvariantCulture));
        return headers;
    }

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
}
