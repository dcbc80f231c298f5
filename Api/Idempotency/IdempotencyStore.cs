using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PosterGen.Persistence.Idempotency;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Idempotency;

/// <summary>
/// The tenant's rows of <c>idempotency_keys</c>. A key is claimed by inserting its row before the request
/// runs, committed at once, so of two concurrent duplicates the unique (tenant, key) index lets exactly
/// one through; the other waits for the first one's answer.
/// </summary>
public class IdempotencyStore(TenantDbContexts contexts)
{
    /// <summary>How long a duplicate waits for the first request's answer before it is told to retry.</summary>
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AnswerPoll = TimeSpan.FromMilliseconds(50);

    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var waitUntil = DateTime.UtcNow + AnswerWait;
        while (true)
        {
            await using var db = await contexts.CreateAsync(cancellationToken);
            var now = DateTime.UtcNow;
            // Expiry on use: every keyed request first deletes its tenant's keys older than 24 h, this one's included.
            var expired = now - IdempotencyRecords.Lifetime;
            await db.IdempotencyRecords.Where(r => r.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);

            var record = new IdempotencyRecord { Key = key, RequestHash = requestHash, CreatedAt = now };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyClaim.Won(record.Id);
            }
            catch (DbUpdateException exception) when (IsDuplicate(exception))
            {
                db.ChangeTracker.Clear();
            }

            var first = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
            if (first is null) continue; // deleted in between (released after a failure): claim it again
            if (first.RequestHash != requestHash) return new IdempotencyClaim.OtherRequest();
            if (first.StatusCode is not null) return new IdempotencyClaim.Answered(first);
            if (DateTime.UtcNow >= waitUntil) return new IdempotencyClaim.StillRunning();
            await Task.Delay(AnswerPoll, cancellationToken);
        }
    }

    /// <summary>Keeps the answer that repeats get.</summary>
    public async Task CompleteAsync(long recordId, int statusCode, string? contentType, string? location, string? body)
    {
        await using var db = await contexts.CreateAsync(CancellationToken.None);
        var now = DateTime.UtcNow;
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StatusCode, statusCode)
            .SetProperty(r => r.ContentType, contentType)
            .SetProperty(r => r.Location, location)
            .SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.CompletedAt, now));
    }

    /// <summary>Frees the key after an answer not worth repeating (a failure, a 429), so a retry runs again.</summary>
    public async Task ReleaseAsync(long recordId)
    {
        await using var db = await contexts.CreateAsync(CancellationToken.None);
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync();
    }

    private static bool IsDuplicate(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
