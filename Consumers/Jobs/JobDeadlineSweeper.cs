using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Outbox;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.Jobs;

/// <summary>
/// The durable half of job deadlines: the deadline is a column of the saga row, so it survives
/// any restart, and this sweep tells the saga of every running job past it. The saga leaves the
/// running states at the first notice and ignores any later one.
/// </summary>
public class JobDeadlineSweeper(
    IDbContextFactory<PosterGenDbContext> contexts,
    IOptions<JobOptions> options,
    ILogger<JobDeadlineSweeper> logger) : BackgroundService
{
    private static readonly string[] Running = [nameof(BatchJobStateMachine.Dispatching), nameof(BatchJobStateMachine.Rendering)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.DeadlineSweepSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await SweepAsync(stoppingToken); }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Could not look for jobs past their deadline: {Reason}", exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var overdue = await db.BatchJobs.AsNoTracking()
            .Where(j => Running.Contains(j.CurrentState) && j.DeadlineAt < now)
            .Select(j => new { j.CorrelationId, j.DeadlineAt })
            .Take(500)
            .ToListAsync(cancellationToken);
        if (overdue.Count == 0) return;

        foreach (var job in overdue)
        {
            logger.LogWarning("Job {JobId} passed its deadline ({DeadlineAt:u}) unfinished; failing it", job.CorrelationId, job.DeadlineAt);
            db.AddToOutbox(new JobDeadlinePassed(job.CorrelationId, new DateTimeOffset(job.DeadlineAt, TimeSpan.Zero)));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
