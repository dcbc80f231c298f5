using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Downloads;

/// <summary>A job's results for downloads: read in item order a page at a time, so no job is ever held whole.</summary>
public class DownloadQueries(TenantDbContexts contexts)
{
    private const int RowsPerRead = 500;

    /// <summary>The newest result row now: a download stops there, so rows recorded meanwhile do not change it halfway.</summary>
    public async Task<long> LastResultIdAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.PosterResults.Where(r => r.JobId == jobId).MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
    }

    public async IAsyncEnumerable<PosterResult> ResultsAsync(Guid jobId, long upToId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var afterIndex = -1;
        while (true)
        {
            List<PosterResult> rows;
            await using (var db = await contexts.CreateAsync(cancellationToken))
                rows = await db.PosterResults.AsNoTracking()
                    .Where(r => r.JobId == jobId && r.ItemIndex > afterIndex && r.Id <= upToId)
                    .OrderBy(r => r.ItemIndex).Take(RowsPerRead)
                    .ToListAsync(cancellationToken);
            foreach (var row in rows) yield return row;
            if (rows.Count < RowsPerRead) yield break;
            afterIndex = rows[^1].ItemIndex;
        }
    }

    /// <summary>The CSS size of the job's template version, which is the size a poster's page gets.</summary>
    public async Task<(int Width, int Height)?> TemplateSizeAsync(string key, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var size = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Template.Key == key && v.Version == version)
            .Select(v => new { v.Width, v.Height })
            .FirstOrDefaultAsync(cancellationToken);
        return size is null ? null : (size.Width, size.Height);
    }
}
