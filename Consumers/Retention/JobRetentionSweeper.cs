using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Storage;
using PosterGen.Persistence;
using PosterGen.Persistence.Retention;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.Retention;

/// <summary>
/// Deletes finished jobs whose finished time is more than <see cref="RetentionOptions.Days"/> ago:
/// their results, the posters no other job's result still references (render-cache objects are
/// shared by content), every other row of theirs (<see cref="JobTables"/>), and last their saga row.
/// Jobs go a hundred at a time and rows a chunk per statement, so a huge job holds no long
/// transaction; an interrupted sweep leaves the saga row, and the next one finishes the job.
/// On PostgreSQL one process sweeps at a time, under an advisory lock.
/// </summary>
public class JobRetentionSweeper(
    IDbContextFactory<PosterGenDbContext> contexts,
    IPosterStorage storage,
    IOptions<RetentionOptions> options,
    ILogger<JobRetentionSweeper> logger) : BackgroundService
{
    private const int JobsPerBatch = 100;
    private const int RowsPerChunk = 1000;
    // Any key shared by every PosterGen process, beside the migration lock's.
    private const string TryLock = "SELECT pg_try_advisory_lock(88275939440499)";
    private const string Unlock = "SELECT pg_advisory_unlock(88275939440499)";
    private static readonly string[] Finished =
    [
        nameof(BatchJobStateMachine.Completed), nameof(BatchJobStateMachine.CompletedWithFailures),
        nameof(BatchJobStateMachine.Failed), nameof(BatchJobStateMachine.Cancelled),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Days == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var swept = await SweepAsync(stoppingToken);
                    if (swept.Jobs > 0)
                        logger.LogInformation("Retention deleted {Jobs} jobs finished more than {Days} days ago: {Items} items, {Files} poster files",
                            swept.Jobs, options.Value.Days, swept.Items, swept.Files);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Could not delete expired jobs: {Reason}", exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Deletes every job past its retention; nothing when <see cref="RetentionOptions.Days"/> is 0.</summary>
    public async Task<RetentionSweep> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = new RetentionSweep(0, 0, 0);
        if (options.Value.Days == 0) return swept;

        var cutoff = DateTime.UtcNow.AddDays(-options.Value.Days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The lock belongs to the session: one connection for the whole sweep.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.IsNpgsql() && !await TryLockAsync(db.Database.GetDbConnection(), cancellationToken))
            return swept;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var expired = await db.BatchJobs.AsNoTracking()
                    .Where(j => Finished.Contains(j.CurrentState) && j.CompletedAt < cutoff)
                    .OrderBy(j => j.CompletedAt).Take(JobsPerBatch)
                    .Select(j => new { j.CorrelationId, j.TotalItems })
                    .ToListAsync(cancellationToken);
                if (expired.Count == 0) break;

                var jobs = expired.Select(j => j.CorrelationId).ToArray();
                var files = await DeleteResultsAndPostersAsync(db, jobs, cancellationToken);
                await JobTables.DeleteOwnedRowsAsync(db, jobs, RowsPerChunk, cancellationToken);
                await db.BatchJobs.Where(j => jobs.Contains(j.CorrelationId)).ExecuteDeleteAsync(cancellationToken);
                swept = new RetentionSweep(swept.Jobs + jobs.Length, swept.Items + expired.Sum(j => j.TotalItems), swept.Files + files);
            }
        }
        finally
        {
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync(Unlock, CancellationToken.None);
        }
        return swept;
    }

    /// <summary>
    /// Result rows a chunk at a time: first the posters of the chunk that no result of another job
    /// references, then the rows. Files go first so that a crash in between leaves rows pointing at
    /// nothing, which the next sweep deletes, rather than files nothing points at, which nobody would.
    /// </summary>
    private async Task<int> DeleteResultsAndPostersAsync(PosterGenDbContext db, Guid[] jobs, CancellationToken cancellationToken)
    {
        var deletedKeys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var chunk = await db.PosterResults.AsNoTracking()
                .Where(r => jobs.Contains(r.JobId))
                .OrderBy(r => r.Id).Take(RowsPerChunk)
                .Select(r => new { r.Id, r.StorageKey })
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0) return deletedKeys.Count;

            var keys = chunk.Where(r => r.StorageKey is not null).Select(r => r.StorageKey!)
                .Where(k => !deletedKeys.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
            var shared = await db.PosterResults.AsNoTracking()
                .Where(r => keys.Contains(r.StorageKey!) && !jobs.Contains(r.JobId))
                .Select(r => r.StorageKey!).Distinct()
                .ToListAsync(cancellationToken);
            var unshared = keys.Except(shared, StringComparer.Ordinal).ToList();
            await Parallel.ForEachAsync(unshared, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (key, token) => await storage.DeleteAsync(key, token));
            deletedKeys.UnionWith(unshared);

            var last = chunk[^1].Id;
            await db.PosterResults.Where(r => jobs.Contains(r.JobId) && r.Id <= last).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static async Task<bool> TryLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = TryLock;
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}

/// <summary>What one sweep deleted: jobs, their items, and poster files.</summary>
public record RetentionSweep(int Jobs, long Items, int Files);
