using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;
using StandardWebhooks;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Delivers due <c>webhook_deliveries</c>, signed the Standard Webhooks way, and records every
/// attempt. A delivery is claimed by moving its <c>next_attempt_at</c> past the attempt's time
/// limit, so processes side by side never send one twice at once, and one that dies mid-attempt
/// leaves it due again a little later. At least once: a receiver drops repeats by <c>webhook-id</c>.
/// Redirects are not followed (a 3xx is a failed attempt), and unless private networks are allowed
/// every connection is checked against the address it actually reaches.
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
        List<WebhookDelivery> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Take(BatchSize)
                .ToListAsync(cancellationToken);

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (delivery, token) =>
            {
                if (await ClaimAsync(delivery, token))
                    await RecordAsync(delivery, await AttemptAsync(delivery, token), token);
            });
        return due.Count;
    }

    /// <summary>Takes the delivery for one attempt; false when another process took it first.</summary>
    private async Task<bool> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        DateTime? leaseEnds = now.AddSeconds(options.TimeoutSeconds + 30);
        return await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == DeliveryStatus.Pending && d.Attempts == delivery.Attempts && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, leaseEnds), cancellationToken) == 1;
    }

    private async Task<WebhookDeliveryAttempt> AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = new WebhookDeliveryAttempt
        {
            DeliveryId = delivery.Id,
            JobId = delivery.JobId,
            Attempt = delivery.Attempts + 1,
            AttemptedAt = DateTime.UtcNow,
        };
        var id = delivery.Id.ToString();
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signer!.Sign(id, timestamp, delivery.Payload));

        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            attempt.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                attempt.Error = (int)response.StatusCode is >= 300 and < 400
                    ? $"HTTP {(int)response.StatusCode}: redirects are not followed; give the final URL."
                    : $"HTTP {(int)response.StatusCode}.";
        }
        catch (HttpRequestException exception) when (exception.InnerException is NonPublicAddressException refused)
        {
            attempt.Error = $"Refused: {refused.Message} (Webhooks:AllowPrivateNetworks is off).";
        }
        catch (HttpRequestException exception)
        {
            attempt.Error = $"No answer: {exception.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            attempt.Error = $"No answer within Webhooks:TimeoutSeconds ({options.TimeoutSeconds} s).";
        }
        attempt.DurationMs = stopwatch.ElapsedMilliseconds;
        return attempt;
    }

    private async Task RecordAsync(WebhookDelivery delivery, WebhookDeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var delivered = attempt.Error is null;
        var givenUp = !delivered && attempt.Attempt >= delivery.MaxAttempts;
        var now = DateTime.UtcNow;
        attempt.NextAttemptAt = delivered || givenUp ? null : now + DeliveryBackoff.After(attempt.Attempt, options.FirstRetrySeconds);
        var status = delivered ? DeliveryStatus.Delivered : givenUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        DateTime? deliveredAt = delivered ? now : null;

        // The outcome is recorded even when the host is stopping: the attempt has happened.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Attempts, attempt.Attempt)
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.NextAttemptAt, attempt.NextAttemptAt)
            .SetProperty(d => d.LastStatusCode, attempt.StatusCode)
            .SetProperty(d => d.LastError, attempt.Error)
            .SetProperty(d => d.DeliveredAt, deliveredAt), CancellationToken.None);
        db.WebhookDeliveryAttempts.Add(attempt);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        if (delivered)
            logger.LogInformation("Webhook {EventType} of job {JobId} delivered on attempt {Attempt}", delivery.EventType, delivery.JobId, attempt.Attempt);
        else
            logger.LogWarning("Webhook {EventType} of job {JobId}, attempt {Attempt} of {MaxAttempts}: {Error}{Next}", delivery.EventType,
                delivery.JobId, attempt.Attempt, delivery.MaxAttempts, attempt.Error, givenUp ? " Given up." : $" Next at {attempt.NextAttemptAt:u}.");
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }
}
