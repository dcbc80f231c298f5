using MassTransit;
using Microsoft.EntityFrameworkCore;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Logs;

/// <summary>
/// Writes a job's closing log line when it completes: INFO when every poster rendered, WARNING with
/// failures, ERROR when none rendered. A redelivered event finds its line and writes no second one.
/// </summary>
public class JobCompletedLogConsumer(PosterGenDbContext db) : IConsumer<JobCompleted>
{
    public const string MessagePrefix = "Job completed:";

    public async Task Consume(ConsumeContext<JobCompleted> context)
    {
        var job = context.Message;
        if (await db.JobLogs.AnyAsync(l => l.JobId == job.JobId && l.Message.StartsWith(MessagePrefix), context.CancellationToken))
            return;

        db.JobLogs.Add(new JobLog
        {
            JobId = job.JobId,
            Level = job.Failed == 0 ? JobLogLevel.Info : job.Succeeded == 0 ? JobLogLevel.Error : JobLogLevel.Warning,
            Message = $"{MessagePrefix} {job.Succeeded} of {job.Total} posters rendered, {job.Failed} failed, in {job.Duration.TotalSeconds:0.0} s.",
            CreatedAt = job.CompletedAt.UtcDateTime,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
