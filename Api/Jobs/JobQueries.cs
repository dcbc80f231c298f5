using Microsoft.EntityFrameworkCore;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Tenancy;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Jobs;

/// <summary>Reads jobs for clients: the saga row for status and counts, result rows for posters.</summary>
public class JobQueries(TenantDbContexts contexts)
{
    public async Task<JobStatusResponse?> GetStatusAsync(Guid jobId, int page, int pageSize, Func<string?, string?> absoluteUrl,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var job = await db.BatchJobs.AsNoTracking().FirstOrDefaultAsync(j => j.CorrelationId == jobId, cancellationToken);
        if (job is null)
            return await PendingAsync(db, jobId, cancellationToken);

        var results = await db.PosterResults.AsNoTracking()
            .Where(r => r.JobId == jobId)
            .OrderBy(r => r.ItemIndex)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        var retriedBy = await db.BatchJobs.AsNoTracking().Where(j => j.RetryOf == jobId)
            .OrderByDescending(j => j.CreatedAt).Select(j => (Guid?)j.CorrelationId).FirstOrDefaultAsync(cancellationToken);

        return new JobStatusResponse(
            jobId, JobStatus.From(job), job.TemplateKey, job.TemplateVersion, job.TotalItems,
            job.SucceededCount + job.FailedCount + job.CancelledCount, job.SucceededCount, job.FailedCount, job.CancelledCount,
            job.CreatedAt, job.CreatedAt, job.CompletedAt, (job.CompletedAt - job.CreatedAt)?.TotalSeconds,
            job.DeadlineAt, job.FailureReason, job.RetryOf, retriedBy,
            page, pageSize, results.Select(r => ToResponse(r, absoluteUrl)).ToList());
    }

    /// <summary>Accepted but not yet seen by the saga: its items exist, its saga row does not.</summary>
    private static async Task<JobStatusResponse?> PendingAsync(PosterGenDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var items = await db.BatchItems.CountAsync(i => i.JobId == jobId, cancellationToken);
        return items == 0
            ? null
            : new JobStatusResponse(jobId, JobStatus.Pending, "", 0, items, 0, 0, 0, 0, DateTime.UtcNow, null, null, null,
                null, null, null, null, 1, 0, []);
    }

    /// <summary>Newest first, filtered as <paramref name="query"/> says (a validated query).</summary>
    public async Task<IReadOnlyList<JobSummaryResponse>> ListAsync(JobListQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var filtered = db.BatchJobs.AsNoTracking();
        if (query.Status is { } status)
            filtered = filtered.Where(JobStatus.Is(status));
        if (query.Template is { } template && TemplateReference.TryParse(template, out var reference))
            filtered = filtered.Where(j => j.TemplateKey == reference.Key && (reference.Version == null || j.TemplateVersion == reference.Version));
        if (query.CreatedAfter is { } after)
            filtered = filtered.Where(j => j.CreatedAt > AsUtc(after));
        if (query.CreatedBefore is { } before)
            filtered = filtered.Where(j => j.CreatedAt < AsUtc(before));

        var jobs = await filtered
            .OrderByDescending(j => j.CreatedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return jobs.Select(j => new JobSummaryResponse(j.CorrelationId, JobStatus.From(j), j.TemplateKey, j.TotalItems,
            j.SucceededCount, j.FailedCount, j.CreatedAt, j.CompletedAt)).ToList();
    }

    private static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    public async Task<BatchJobState?> FindJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.BatchJobs.AsNoTracking().FirstOrDefaultAsync(j => j.CorrelationId == jobId, cancellationToken);
    }

    public async Task<bool> ExistsAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.BatchJobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken)
            || await db.BatchItems.AnyAsync(i => i.JobId == jobId, cancellationToken);
    }

    /// <summary>Result rows recorded after <paramref name="afterId"/>, in the order they were recorded.</summary>
    public async Task<IReadOnlyList<PosterResult>> ResultsAfterAsync(Guid jobId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.PosterResults.AsNoTracking()
            .Where(r => r.JobId == jobId && r.Id > afterId)
            .OrderBy(r => r.Id).Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<(int Rendered, int Failed)> CountResultsAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var counts = await db.PosterResults.AsNoTracking()
            .Where(r => r.JobId == jobId)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (counts.FirstOrDefault(c => c.Status == PosterStatus.Rendered)?.Count ?? 0,
            counts.FirstOrDefault(c => c.Status == PosterStatus.Failed)?.Count ?? 0);
    }

    public static PosterResultResponse ToResponse(PosterResult result, Func<string?, string?> absoluteUrl) =>
        new(result.ItemIndex, result.EntityId, absoluteUrl(result.Url),
            result.Status switch
            {
                PosterStatus.Rendered => "completed",
                PosterStatus.Cancelled => "cancelled",
                _ => "failed",
            },
            result.GenerationTimeMs, result.Error, result.Attempts, result.CacheHit, result.WarningList());
}
