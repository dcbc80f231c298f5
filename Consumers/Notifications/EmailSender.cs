using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Sends due <c>email_deliveries</c> through SMTP, claimed as <see cref="WebhookSender"/> claims
/// webhooks. At least once: the only duplicate left is a process dying between the server taking the
/// message and the row being marked sent; the repeat then carries the same Message-Id (the row's id),
/// by which mail systems recognise it.
/// </summary>
public sealed class EmailSender(IDbContextFactory<PosterGenDbContext> contexts, IOptions<EmailOptions> options, ILogger<EmailSender> logger)
    : DeliveryLoop(logger)
{
    private const int BatchSize = 20;
    private readonly EmailOptions settings = options.Value;

    /// <summary>How long a claimed email stays away from other senders: the SMTP exchange and the marking after it.</summary>
    private TimeSpan LeaseLength => TimeSpan.FromSeconds(settings.TimeoutSeconds * 2 + 30);

    protected override string What => "Email";

    protected override async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!settings.IsEnabled) return 0;
        var now = DateTime.UtcNow;
        List<EmailDelivery> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = await db.EmailDeliveries.AsNoTracking()
                .Where(e => e.Status == DeliveryStatus.Pending && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt).Take(BatchSize)
                .ToListAsync(cancellationToken);

        foreach (var email in due)
        {
            if (!await ClaimAsync(email, cancellationToken)) continue;
            string? error = null;
            try
            {
                await SendAsync(email, cancellationToken);
            }
            catch (Exception exception) when (exception is SmtpCommandException or SmtpProtocolException or AuthenticationException
                or SslHandshakeException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                error = exception.Message;
            }
            await RecordAsync(email, error);
        }
        return due.Count;
    }

    private async Task<bool> ClaimAsync(EmailDelivery email, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        DateTime? leaseEnds = now + LeaseLength;
        return await db.EmailDeliveries
            .Where(e => e.Id == email.Id && e.Status == DeliveryStatus.Pending && e.Attempts == email.Attempts && e.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.NextAttemptAt, leaseEnds), cancellationToken) == 1;
    }

    private async Task SendAsync(EmailDelivery email, CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(settings.From!);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = $"{email.Id:N}@{from.Domain}",
            Date = new DateTimeOffset(email.CreatedAt, TimeSpan.Zero),
            Body = new TextPart("plain") { Text = email.Body },
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.Recipient));

        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
            await smtp.AuthenticateAsync(settings.User, settings.Password!, cancellationToken);
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task RecordAsync(EmailDelivery email, string? error)
    {
        var attempt = email.Attempts + 1;
        var sent = error is null;
        var givenUp = !sent && attempt >= settings.MaxAttempts;
        var now = DateTime.UtcNow;
        DateTime? next = sent || givenUp ? null : now + DeliveryBackoff.After(attempt, settings.FirstRetrySeconds);
        DateTime? sentAt = sent ? now : null;
        var status = sent ? DeliveryStatus.Delivered : givenUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;

        // Once the server has the message, a failed mark is retried here while the claim's lease holds:
        // left to the lease running out, the email would be sent a second time. Conditional on the
        // attempt count the claim saw, so marking twice changes nothing.
        for (var wait = TimeSpan.FromSeconds(1); ; wait *= 2)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                await db.EmailDeliveries.Where(e => e.Id == email.Id && e.Attempts == email.Attempts).ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.Attempts, attempt)
                    .SetProperty(e => e.Status, status)
                    .SetProperty(e => e.NextAttemptAt, next)
                    .SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.SentAt, sentAt), CancellationToken.None);
                break;
            }
            catch (Exception exception) when (sent && wait < LeaseLength / 4)
            {
                logger.LogWarning("Completion email of job {JobId} was sent but not yet marked, retrying in {Wait}: {Reason}", email.JobId, wait, exception.Message);
                await Task.Delay(wait, CancellationToken.None);
            }
        }

        if (sent)
            logger.LogInformation("Completion email of job {JobId} sent", email.JobId);
        else
            logger.LogWarning("Completion email of job {JobId}, attempt {Attempt} of {MaxAttempts}: {Error}{Next}", email.JobId, attempt,
                settings.MaxAttempts, error, givenUp ? " Given up." : $" Next at {next:u}.");
    }
}
