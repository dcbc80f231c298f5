using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosterGen.Persistence.Outbox;

/// <summary>
/// Sends committed outbox messages to the bus, oldest first, and marks them sent. At least once: a
/// crash between the send and the mark sends the message again, with the same message id, which
/// consumers recognise in their inbox. On PostgreSQL several processes deliver side by side, each
/// taking the rows no other has locked; on SQLite one process owns the database.
/// </summary>
public class OutboxDeliveryService(
    IDbContextFactory<PosterGenDbContext> contexts,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var pollInterval = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
        var retryDelay = TimeSpan.Zero;
        DateTime? failingSince = null;
        var nextCleanup = DateTime.UtcNow;
        var redeliverPending = settings.RedeliverOnStartMinutes > 0;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (redeliverPending)
                {
                    await RedeliverRecentAsync(TimeSpan.FromMinutes(settings.RedeliverOnStartMinutes), stoppingToken);
                    redeliverPending = false;
                }
                if (DateTime.UtcNow >= nextCleanup)
                {
                    await CleanUpAsync(settings, stoppingToken);
                    nextCleanup = DateTime.UtcNow + CleanupInterval;
                }

                var sent = await DeliverBatchAsync(settings.BatchSize, stoppingToken);
                if (failingSince is { } since)
                {
                    logger.LogInformation("Outbox delivery resumed after {Seconds:0} s", (DateTime.UtcNow - since).TotalSeconds);
                    failingSince = null;
                }
                retryDelay = TimeSpan.Zero;
                if (sent == settings.BatchSize) continue;
                await signal.WaitAsync(pollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One line per outage, not one per attempt: a broker down for an hour must not flood the log.
                if (failingSince is null)
                {
                    failingSince = DateTime.UtcNow;
                    logger.LogWarning("Outbox delivery is waiting for the bus or the database, retrying: {Reason}", exception.Message);
                }
                retryDelay = retryDelay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                try { await Task.Delay(retryDelay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends up to <paramref name="limit"/> waiting messages in order; returns how many were sent.</summary>
    public async Task<int> DeliverBatchAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        // PostgreSQL: hold row locks while sending, so another process skips these rows. SQLite: no
        // transaction, since its write lock would stop every other writer while the bus is slow.
        await using var transaction = postgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var waiting = await (postgres
                ? db.OutboxMessages.FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence_number LIMIT {limit} FOR UPDATE SKIP LOCKED")
                : db.OutboxMessages.FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence_number LIMIT {limit}"))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0) return 0;

        var sent = new List<long>(waiting.Count);
        try
        {
            foreach (var row in waiting)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SendTimeout);
                var type = OutboxMessageTypes.Resolve(row.MessageType);
                var message = JsonSerializer.Deserialize(row.Body, type)!;
                // The send continues the trace of the transaction that wrote the message.
                using var trace = OutboxTelemetry.StartSend(row);
                await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.MessageId), timeout.Token);
                sent.Add(row.SequenceNumber);
            }
        }
        finally
        {
            if (sent.Count > 0)
            {
                var now = DateTime.UtcNow;
                await db.OutboxMessages.Where(m => sent.Contains(m.SequenceNumber))
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, now), CancellationToken.None);
                if (transaction is not null) await transaction.CommitAsync(CancellationToken.None);
            }
        }
        return sent.Count;
    }

    private async Task RedeliverRecentAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastSent = await db.OutboxMessages.MaxAsync(m => m.SentAt, cancellationToken);
        if (lastSent is null) return;
        var from = lastSent.Value - window;
        var count = await db.OutboxMessages.Where(m => m.SentAt >= from)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAt, (DateTime?)null), cancellationToken);
        if (count > 0)
            logger.LogInformation("Sending again the {Count} messages sent in the {Minutes} minutes before the last stop (the in-memory bus kept none of them)",
                count, window.TotalMinutes);
    }

    private async Task CleanUpAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sentBefore = DateTime.UtcNow.AddHours(-settings.KeepSentHours);
        var consumedBefore = DateTime.UtcNow.AddHours(-settings.InboxWindowHours);
        await db.OutboxMessages.Where(m => m.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken);
        await db.InboxMessages.Where(m => m.ConsumedAt < consumedBefore).ExecuteDeleteAsync(cancellationToken);
    }
}
