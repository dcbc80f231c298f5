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
/// webhooks. The Message-Id comes from the row, so should a crash fall between the server taking the
/// message and the row being marked sent, the repeat carries the same Message-Id.
/// </summary>
public sealed class EmailSender(IDbContextFactory<PosterGenDbContext> contexts, IOptions<EmailOptions> options, ILogger<EmailSender> logger)
    : DeliveryLoop(logger)
{
    private const int BatchSize = 20;
    private readonly EmailOptions settings = options.Value;

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
        DateTime? leaseEnds = now.AddSeconds(settings.TimeoutSeconds * 2 + 30);
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
        DateTime? next = sent || givenUp ? null : now + DeliveryBackoff.After(attempt, firstRetrySeconds: 5);
        DateTime? sentAt = sent ? now : null;
        var status = sent ? DeliveryStatus.Delivered : givenUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;

        // Recorded even when the host is stopping: the attempt has happened.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.EmailDeliveries.Where(e => e.Id == email.Id).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Attempts, attempt)
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.NextAttemptAt, next)
            .SetProperty(e => e.LastError, error)
            .SetProperty(e => e.SentAt, sentAt), CancellationToken.None);

        if (sent)
            logger.LogInformation("Completion email of job {JobId} sent", email.JobId);
        else
            logger.LogWarning("Completion email of job {JobId}, attempt {Attempt} of {MaxAttempts}: {Error}{Next}", email.JobId, attempt,
                settings.MaxAttempts, error, givenUp ? " Given up." : $" Next at {next:u}.");
    }
}
