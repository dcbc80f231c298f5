using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>An item a renderer owns until <see cref="BatchItem.LeaseExpiresAt"/>, with its job.</summary>
public sealed record ClaimedItem(BatchItem Item, BatchJobState Job);

/// <summary>
/// Claims items from <c>batch_items</c> in queue order: lowest priority number first, then the
/// order jobs were dispatched, then item order. Only items of running jobs are claimed, so a
/// cancelled or failed job's items are never started. PostgreSQL renderers in several processes
/// skip each other's locked rows; on SQLite the transaction's write lock serialises claims.
/// </summary>
public sealed class DatabaseRenderClaims(IDbContextFactory<PosterGenDbContext> contexts)
{
    private const string Claimable =
        "SELECT i.* FROM batch_items AS i JOIN batch_job_state AS j ON j.correlation_id = i.job_id " +
        "WHERE i.state = 'queued' AND j.current_state IN ('" + nameof(BatchJobStateMachine.Dispatching) + "', '" + nameof(BatchJobStateMachine.Rendering) + "') " +
        "ORDER BY i.priority, i.queued_at, i.item_index LIMIT 1";

    private const string ClaimableLocked = Claimable + " FOR UPDATE OF i SKIP LOCKED";

    public async Task<ClaimedItem?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Every tenant's items, and a locking statement EF Core must not wrap in the tenant filter.
        var item = (await (db.Database.IsNpgsql() ? db.BatchItems.FromSqlRaw(ClaimableLocked) : db.BatchItems.FromSqlRaw(Claimable))
            .IgnoreQueryFilters().AsTracking().ToListAsync(cancellationToken)).SingleOrDefault();
        if (item is null) return null;

        item.State = BatchItemState.Rendering;
        item.LeaseExpiresAt = DateTime.UtcNow + lease;
        item.Claims++;
        await db.SaveChangesAsync(cancellationToken);
        var job = await db.BatchJobs.AsNoTracking().SingleAsync(j => j.CorrelationId == item.JobId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClaimedItem(item, job);
    }

    /// <summary>Puts an item that was not handled back in the queue, in its old place.</summary>
    public async Task ReleaseAsync(BatchItem item, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.BatchItems
            .Where(i => i.JobId == item.JobId && i.ItemIndex == item.ItemIndex && i.State == BatchItemState.Rendering)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, BatchItemState.Queued).SetProperty(i => i.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);
    }

    /// <summary>
    /// Queues again the items whose renderer let the lease run out (it died or hung); with
    /// <paramref name="all"/>, every claimed item, for a process that owns the database alone and
    /// has just started, so nobody else can be rendering them.
    /// </summary>
    public async Task<int> ReclaimAsync(bool all, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        return await db.BatchItems
            .Where(i => i.State == BatchItemState.Rendering && (all || i.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, BatchItemState.Queued).SetProperty(i => i.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);
    }

    public async Task<bool> OwnsDatabaseAloneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return db.Database.IsSqlite();
    }
}
