using MassTransit;
using Microsoft.EntityFrameworkCore;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Consumers.Jobs;

/// <summary>
/// Ends a cancelled or overdue job's items: one statement gives every item without a result row a
/// row with the outcome and reason, then the rows are counted and the counts published, all in one
/// transaction. A poster still rendering loses the race for its item's unique key and records
/// nothing, so the counts are final. Repeating it finds nothing left and reports the same counts.
/// </summary>
public class SettleUnfinishedItemsConsumer(PosterGenDbContext db) : IConsumer<SettleUnfinishedItems>
{
    public async Task Consume(ConsumeContext<SettleUnfinishedItems> context)
    {
        var (jobId, outcome, reason) = context.Message;
        var cancellationToken = context.CancellationToken;
        var status = (outcome == UnfinishedItemOutcome.Cancelled ? PosterStatus.Cancelled : PosterStatus.Failed).ToString().ToLowerInvariant();
        var now = DateTime.UtcNow;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settled = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO poster_results (tenant, job_id, item_index, entity_id, status, error, generation_time_ms, attempts, cache_hit, created_at)
            SELECT i.tenant, i.job_id, i.item_index, i.entity_id, {status}, {reason}, 0, 0, {false}, {now}
            FROM batch_items AS i
            WHERE i.job_id = {jobId}
              AND NOT EXISTS (SELECT 1 FROM poster_results AS r WHERE r.job_id = i.job_id AND r.item_index = i.item_index)
            ORDER BY i.item_index
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.BatchItems.Where(i => i.JobId == jobId && i.State != BatchItemState.Done)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, BatchItemState.Done), cancellationToken);

        var counts = await db.PosterResults.Where(r => r.JobId == jobId)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Status, c => c.Count, cancellationToken);
        if (settled > 0)
            db.JobLogs.Add(new JobLog
            {
                JobId = jobId,
                Level = outcome == UnfinishedItemOutcome.Cancelled ? JobLogLevel.Warning : JobLogLevel.Error,
                Message = $"{settled} items {status}: {reason}",
                CreatedAt = now,
            });
        db.AddToOutbox(new UnfinishedItemsSettled(jobId, counts.GetValueOrDefault(PosterStatus.Rendered),
            counts.GetValueOrDefault(PosterStatus.Failed), counts.GetValueOrDefault(PosterStatus.Cancelled), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
