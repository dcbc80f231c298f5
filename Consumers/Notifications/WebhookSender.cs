using System.Diagnostics;
using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Telemetry;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;
using StandardWebhooks;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Delivers due <c>webhook_events</c>, signed the Standard Webhooks way, and records every attempt
/// as a <c>webhook_deliveries</c> row. An event is claimed by moving its <c>next_attempt_at</c> past
/// the attempt's time limit, so processes side by side never send one twice at once, and one that
/// dies mid-attempt leaves it due again a little later. At least once: a receiver drops repeats by
/// <c>webhook-id</c>. Redirects are not followed (a 3xx is a failed attempt), and unless private
/// networks are allowed every connection is checked against the address it actually reaches.
/// </summary>
public sealed class WebhookSender : DeliveryLoop
{
    private const int BatchSize = 20;
    private const int Parallelism = 8;

    private readonly IDbContextFactory<PosterGenDbContext> contexts;
    private readonly WebhookOptions options;
    private readonly ILogger<WebhookSender> logger;
    private readonly HttpClient client;
    private readonly StandardWebhook? signer;

    public WebhookSender(IDbContextFactory<PosterGenDbContext> contexts, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
        : base(logger)
    {
        this.contexts = contexts;
        this.options = options.Value;
        this.logger = logger;
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        if (!this.options.AllowPrivateNetworks)
            handler.ConnectCallback = PublicAddressConnector.ConnectAsync;
        client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(this.options.TimeoutSeconds) };
        signer = this.options.IsEnabled ? new StandardWebhook(this.options.SigningSecret!) : null;
    }

    protected override string What => "Webhook";

    protected override async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (signer is null) return 0;
        var now = DateTime.UtcNow;
        List<WebhookEvent> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = await db.WebhookEvents.AsNoTracking()
                .Where(e => e.Status == DeliveryStatus.Pending && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt).Take(BatchSize)
                .ToListAsync(cancellationToken);

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (webhook, token) =>
            {
                if (await ClaimAsync(webhook, token))
                    await RecordAsync(webhook, await AttemptAsync(webhook, token));
            });
        return due.Count;
    }

    /// <summary>Takes the event for one attempt; false when another process took it first.</summary>
    private async Task<bool> ClaimAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        DateTime? leaseEnds = now.AddSeconds(options.TimeoutSeconds + 30);
        return await db.WebhookEvents
            .Where(e => e.Id == webhook.Id && e.Status == DeliveryStatus.Pending && e.Attempts == webhook.Attempts && e.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptAt, leaseEnds), cancellationToken) == 1;
    }

    private async Task<WebhookDelivery> AttemptAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var delivery = new WebhookDelivery
        {
            Id = NewId.NextGuid(),
            Tenant = webhook.Tenant,
            EventId = webhook.Id,
            JobId = webhook.JobId,
            EventType = webhook.EventType,
            Attempt = webhook.Attempts + 1,
            AttemptedAt = DateTime.UtcNow,
        };
        var id = webhook.Id.ToString();
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(webhook.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signer!.Sign(id, timestamp, webhook.Payload));

        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            delivery.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                delivery.Error = (int)response.StatusCode is >= 300 and < 400
                    ? $"HTTP {(int)response.StatusCode}: redirects are not followed; give the final URL."
                    : $"HTTP {(int)response.StatusCode}.";
        }
        catch (HttpRequestException exception) when (exception.InnerException is NonPublicAddressException refused)
        {
            delivery.Error = $"Refused: {refused.Message} (Webhooks:AllowPrivateNetworks is off).";
        }
        catch (HttpRequestException exception)
        {
            delivery.Error = $"No answer: {exception.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            delivery.Error = $"No answer within Webhooks:TimeoutSeconds ({options.TimeoutSeconds} s).";
        }
        delivery.DurationMs = stopwatch.ElapsedMilliseconds;
        return delivery;
    }

    /// <summary>
    /// The attempt's row and the event's new state, in one transaction. Conditional on the attempt
    /// count the claim saw, so the outcome of one attempt is recorded once.
    /// </summary>
    private async Task RecordAsync(WebhookEvent webhook, WebhookDelivery delivery)
    {
        var delivered = delivery.Error is null;
        var givenUp = !delivered && delivery.Attempt >= webhook.MaxAttempts;
        var now = DateTime.UtcNow;
        delivery.NextAttemptAt = delivered || givenUp ? null : now + DeliveryBackoff.After(delivery.Attempt, options.FirstRetrySeconds);
        var status = delivered ? DeliveryStatus.Delivered : givenUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        DateTime? deliveredAt = delivered ? now : null;

        // The outcome is recorded even when the host is stopping: the attempt has happened.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await db.WebhookEvents.Where(e => e.Id == webhook.Id && e.Attempts == webhook.Attempts).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Attempts, delivery.Attempt)
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.NextAttemptAt, delivery.NextAttemptAt)
            .SetProperty(e => e.DeliveredAt, deliveredAt), CancellationToken.None);
        if (updated == 0) return;
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        PosterGenTelemetry.WebhookAttempted(webhook.EventType, delivered ? "delivered" : givenUp ? "given_up" : "retrying");

        if (delivered)
            logger.LogInformation("Webhook {EventType} of job {JobId} delivered on attempt {Attempt}", webhook.EventType, webhook.JobId, delivery.Attempt);
        else
            logger.LogWarning("Webhook {EventType} of job {JobId}, attempt {Attempt} of {MaxAttempts}: {Error}{Next}", webhook.EventType,
                webhook.JobId, delivery.Attempt, webhook.MaxAttempts, delivery.Error, givenUp ? " Given up." : $" Next at {delivery.NextAttemptAt:u}.");
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }
}
