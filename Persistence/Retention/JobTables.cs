using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Retention;

/// <summary>Deletes at most <c>chunk</c> rows of the given jobs from one table; returns how many went.</summary>
public delegate Task<int> DeleteJobRowsChunk(PosterGenDbContext db, Guid[] jobs, int chunk, CancellationToken cancellationToken);

/// <summary>
/// The tables whose rows belong to one job and go with it when it expires, apart from the two the
/// retention sweep handles itself: <c>poster_results</c> (their posters are looked at first) and the
/// saga row (deleted last, so a job stays findable until nothing of it is left). A new table of
/// per-job rows is one line here, ordered (a chunk is a LIMIT). Outbox and inbox rows are not per job and expire on their own.
/// </summary>
public static class JobTables
{
    private static readonly DeleteJobRowsChunk[] Owned =
    [
        Rows((db, jobs) => db.BatchItems.Where(i => jobs.Contains(i.JobId)).OrderBy(i => i.ItemIndex)),
        Rows((db, jobs) => db.JobLogs.Where(l => jobs.Contains(l.JobId)).OrderBy(l => l.Id)),
        Rows((db, jobs) => db.WebhookDeliveries.Where(a => jobs.Contains(a.JobId)).OrderBy(a => a.Id)),
        Rows((db, jobs) => db.WebhookEvents.Where(d => jobs.Contains(d.JobId)).OrderBy(e => e.Id)),
        Rows((db, jobs) => db.EmailDeliveries.Where(e => jobs.Contains(e.JobId)).OrderBy(e => e.Id)),
        Rows((db, jobs) => db.JobNotifications.Where(n => jobs.Contains(n.JobId)).OrderBy(n => n.JobId)),
    ];

    /// <summary>
    /// Deletes the jobs' rows of every owned table, one chunk per statement, so a 100,000-item job
    /// never holds one long transaction; returns how many rows went.
    /// </summary>
    public static async Task<int> DeleteOwnedRowsAsync(PosterGenDbContext db, Guid[] jobs, int chunk, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var deleteChunk in Owned)
        {
            int gone;
            do
            {
                gone = await deleteChunk(db, jobs, chunk, cancellationToken);
                deleted += gone;
            } while (gone == chunk);
        }
        return deleted;
    }

    private static DeleteJobRowsChunk Rows<TRow>(Func<PosterGenDbContext, Guid[], IOrderedQueryable<TRow>> rows) where TRow : class =>
        (db, jobs, chunk, cancellationToken) => rows(db, jobs).Take(chunk).ExecuteDeleteAsync(cancellationToken);
}
