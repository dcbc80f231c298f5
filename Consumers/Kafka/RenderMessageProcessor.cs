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
/// Poison never silently loses an item. A message that does not decode but still names its job and
/// item (in its JSON or its <c>{jobId}:{itemIndex}</c> key) is recorded as a failed item with the
/// reason, then dead-lettered; one naming a template version that does not exist is recorded as
/// failed by the handler and dead-lettered too, so the producer's mistake is visible in one place.
/// Handler exceptions (database or broker down) are retried long enough to outlast a restart.
/// </remarks>
internal sealed class RenderMessageProcessor(
    IServiceScopeFactory scopes,
    KafkaDeadLetterProducer deadLetters,
    IOptions<KafkaOptions> options,
    ILogger<RenderMessageProcessor> logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

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
            var reason = $"Undecodable: {error}";
            if (RenderPosterSerializer.Identify(record.Message) is ({ } jobId, { } itemIndex))
            {
                var recorded = await AttemptAsync(record, $"{jobId}/{itemIndex}",
                    handler => handler.RecordFailedAsync(jobId, itemIndex, $"The render message could not be read: {error}", cancellationToken),
                    cancellationToken);
                if (recorded.Failure is { } failure)
                {
                    await deadLetters.SendAsync(record, $"{reason}; recording the failure failed: {failure.Message}", failure, recorded.Attempts, cancellationToken);
                    return;
                }
            }
            await deadLetters.SendAsync(record, reason, exception: null, attempts: 0, cancellationToken);
            return;
        }

        var outcome = PosterOutcome.Failed;
        var handled = await AttemptAsync(record, $"{poster.JobId}/{poster.ItemIndex}",
            async handler => outcome = await handler.HandleAsync(poster, cancellationToken), cancellationToken);
        if (handled.Failure is { } exception)
            await deadLetters.SendAsync(record, $"Not handled after {handled.Attempts} attempts: {exception.Message}", exception, handled.Attempts, cancellationToken);
        else if (outcome == PosterOutcome.TemplateMissing)
            await deadLetters.SendAsync(record, $"Template '{poster.TemplateKey}@{poster.TemplateVersion}' does not exist; the item is recorded as failed.",
                exception: null, handled.Attempts, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> with the handler until it succeeds or the attempts run out.</summary>
    private async Task<(int Attempts, Exception? Failure)> AttemptAsync(
        ConsumeResult<byte[]?, byte[]?> record, string item, Func<IRenderPosterHandler, Task> work, CancellationToken cancellationToken)
    {
        var attempts = options.Value.HandlerAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider.GetRequiredService<IRenderPosterHandler>());
                return (attempt, null);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && attempt < attempts)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.Value.RetryDelayMs * Math.Pow(2, attempt - 1), MaxRetryDelay.TotalMilliseconds));
                logger.LogWarning(exception, "Poster {Item} was not handled (attempt {Attempt} of {Attempts}); retrying in {DelayMs} ms",
                    item, attempt, attempts, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Poster {Item} was not handled after {Attempts} attempts; dead-lettering {Topic}/{Partition}@{Offset}",
                    item, attempt, record.Topic, record.Partition.Value, record.Offset.Value);
                return (attempt, exception);
            }
        }
    }
}
