using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Jobs;

/// <summary>Reads a job's log lines, in the order they were written.</summary>
public class JobLogQueries(TenantDbContexts contexts)
{
    public async Task<IReadOnlyList<JobLog>> AfterAsync(Guid jobId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.JobLogs.AsNoTracking()
            .Where(l => l.JobId == jobId && l.Id > afterId)
            .OrderBy(l => l.Id).Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<(int Total, IReadOnlyList<JobLog> Page)> PageAsync(Guid jobId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var logs = db.JobLogs.AsNoTracking().Where(l => l.JobId == jobId);
        var total = await logs.CountAsync(cancellationToken);
        var rows = await logs.OrderBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (total, rows);
    }
}
