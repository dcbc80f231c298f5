using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Turns a job's final event into the notifications its submitter asked for: a <c>webhook_events</c>
/// row and an <c>email_deliveries</c> row, written in one transaction with the event's inbox row, so
/// a redelivered event records nothing twice and a crash before the commit loses nothing (the
/// event comes again). The senders do the network part afterwards.
/// </summary>
public class JobNotificationsConsumer(PosterGenDbContext db, IOptions<WebhookOptions> webhooks) :
    IConsumer<JobCompleted>,
    IConsumer<JobFailed>,
    IConsumer<JobCancelled>
{
    private const string InboxName = "job-notifications";

    public Task Consume(ConsumeContext<JobCompleted> context) => RecordAsync(EndedJob.From(context.Message), context);
    public Task Consume(ConsumeContext<JobFailed> context) => RecordAsync(EndedJob.From(context.Message), context);
    public Task Consume(ConsumeContext<JobCancelled> context) => RecordAsync(EndedJob.From(context.Message), context);

    private async Task RecordAsync(EndedJob job, ConsumeContext context)
    {
        var cancellationToken = context.CancellationToken;
        var targets = await db.JobNotifications.AsNoTracking().FirstOrDefaultAsync(n => n.JobId == job.JobId, cancellationToken);
        if (targets is null) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (context.MessageId is { } messageId && !await db.TryRecordConsumedAsync(messageId, InboxName, cancellationToken))
            return;

        var now = DateTime.UtcNow;
        var links = JobLinks.For(targets.LinksBaseUrl, job.JobId);
        if (targets.WebhookUrl is { } url)
            db.WebhookEvents.Add(new WebhookEvent
            {
                Id = NewId.NextGuid(),
                Tenant = targets.Tenant,
                JobId = job.JobId,
                EventType = job.EventType,
                Url = url,
                Payload = WebhookPayload.For(job, links, targets.Metadata),
                Status = DeliveryStatus.Pending,
                MaxAttempts = webhooks.Value.MaxAttempts,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        if (targets.NotifyEmail is { } recipient)
        {
            var saga = await db.BatchJobs.AsNoTracking().Where(j => j.CorrelationId == job.JobId)
                .Select(j => new { j.TemplateKey, j.TemplateVersion, j.CreatedAt }).FirstAsync(cancellationToken);
            db.EmailDeliveries.Add(new EmailDelivery
            {
                Id = NewId.NextGuid(),
                Tenant = targets.Tenant,
                JobId = job.JobId,
                EventType = job.EventType,
                Recipient = recipient,
                Subject = CompletionEmail.SubjectFor(job),
                Body = CompletionEmail.BodyFor(job, $"{saga.TemplateKey}@{saga.TemplateVersion}", saga.CreatedAt, links),
                Status = DeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
