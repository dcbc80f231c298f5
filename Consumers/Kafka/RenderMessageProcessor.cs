using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// One render-topic message from receipt to "may be committed": decode, hand to
/// <see cref="IRenderPosterHandler"/> in a scope of its own, retry with backoff while the handler
/// throws (MassTransit's <c>UseMessageRetry</c>), and dead-letter what cannot be handled so its
/// partition moves on.
/// </summary>
/// <remarks>
/// A message that does not decode gets no result row: the handler needs a whole
/// <see cref="Contracts.RenderPoster"/>. When its JSON still names the job and item, the dead-letter
/// record carries them in <c>job-id</c> and <c>item-index</c> headers, and the job waits for its
/// timeout; a replay after fixing the producer, or support, settles the item.
/// A decodable message whose template version is gone is not poison: the handler records a failed
/// result row for it.
/// </remarks>
internal sealed class RenderMessageProcessor(
    IServiceScopeFactory scopes,
    KafkaDeadLetterProducer deadLetters,
    IOptions<KafkaOptions> options,
    ILogger<RenderMessageProcessor> logger)
{
    /// <summary>
    /// Returns when the message is handled or dead-lettered; throws when <paramref name="cancellationToken"/>
    /// abandons it, leaving it to be delivered again.
    /// </summary>
    public async Task ProcessAsync(ConsumeResult<byte[]?, byte[]?> record, CancellationToken cancellationToken)
    {
        if (!RenderPosterSerializer.TryRead(record.Message, out var poster, out var error))
        {
            logger.LogError("Message {Topic}/{Partition}@{Offset} is not a RenderPoster ({Reason}); dead-lettering it",
                record.Topic, record.Partition.Value, record.Offset.Value, error);
            await deadLetters.SendAsync(record, $"Undecodable: {error}", exception: null, attempts: 0, cancellationToken);
            return;
        }

        var attempts = options.Value.HandlerAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IRenderPosterHandler>().HandleAsync(poster, cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && attempt < attempts)
            {
                var delay = TimeSpan.FromMilliseconds(options.Value.RetryDelayMs * Math.Pow(2, attempt - 1));
                logger.LogWarning(exception, "Poster {JobId}/{ItemIndex} was not handled (attempt {Attempt} of {Attempts}); retrying in {DelayMs} ms",
                    poster.JobId, poster.ItemIndex, attempt, attempts, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Poster {JobId}/{ItemIndex} was not handled after {Attempts} attempts; dead-lettering {Topic}/{Partition}@{Offset}",
                    poster.JobId, poster.ItemIndex, attempt, record.Topic, record.Partition.Value, record.Offset.Value);
                await deadLetters.SendAsync(record, $"Not handled after {attempt} attempts: {exception.Message}", exception, attempt, cancellationToken);
                return;
            }
        }
    }
}
