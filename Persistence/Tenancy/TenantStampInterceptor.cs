using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PosterGen.Sagas.BatchJobs;
using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Tenancy;

/// <summary>
/// The one place a new row gets its tenant: in a request, the request's tenant (a row stamped with
/// another one is a bug and fails the save); outside one, a job's rows take their job's tenant, read
/// from its saga row (or, before the saga stored it, its items). The saga row itself carries the tenant
/// from <c>BatchRequested</c>. A row that would end up with no tenant fails the save.
/// </summary>
public sealed class TenantStampInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PosterGenDbContext db)
            StampAsync(db, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PosterGenDbContext db)
            await StampAsync(db, async: true, cancellationToken);
        return result;
    }

    private static async Task StampAsync(PosterGenDbContext db, bool async, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<ITenantOwned>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var current = db.CurrentTenantName;
        if (current is not null)
        {
            foreach (var row in added)
            {
                if (string.IsNullOrEmpty(row.Tenant)) row.Tenant = current;
                else if (row.Tenant != current)
                    throw new InvalidOperationException($"A request of tenant '{current}' wrote a {row.GetType().Name} of tenant '{row.Tenant}'.");
            }
            return;
        }

        var unstamped = added.Where(r => string.IsNullOrEmpty(r.Tenant)).ToList();
        if (unstamped.Count == 0) return;
        var jobs = unstamped.OfType<IJobOwned>().Select(r => r.JobId).Distinct().ToList();
        var tenants = await JobTenantsAsync(db, jobs, async, cancellationToken);
        foreach (var row in unstamped)
            row.Tenant = row is IJobOwned owned && tenants.TryGetValue(owned.JobId, out var tenant)
                ? tenant
                : throw new InvalidOperationException($"A {row.GetType().Name} was written outside a request with no tenant, and no job to take one from.");
    }

    private static async Task<Dictionary<Guid, string>> JobTenantsAsync(PosterGenDbContext db, List<Guid> jobs, bool async,
        CancellationToken cancellationToken)
    {
        if (jobs.Count == 0) return [];
        // A job saved together with its rows is not in the table yet.
        var tenants = db.ChangeTracker.Entries<BatchJobState>().Select(e => e.Entity)
            .Where(j => jobs.Contains(j.CorrelationId) && !string.IsNullOrEmpty(j.Tenant))
            .ToDictionary(j => j.CorrelationId, j => j.Tenant);
        var unsaved = jobs.Where(j => !tenants.ContainsKey(j)).ToList();
        var fromJobs = db.BatchJobs.IgnoreQueryFilters().AsNoTracking().Where(j => unsaved.Contains(j.CorrelationId))
            .Select(j => new { JobId = j.CorrelationId, j.Tenant });
        foreach (var job in async ? await fromJobs.ToListAsync(cancellationToken) : fromJobs.ToList())
            tenants[job.JobId] = job.Tenant;
        var missing = jobs.Where(j => !tenants.ContainsKey(j)).ToList();
        if (missing.Count == 0) return tenants;

        var fromItems = db.BatchItems.IgnoreQueryFilters().AsNoTracking().Where(i => missing.Contains(i.JobId) && i.ItemIndex == 0)
            .Select(i => new { i.JobId, i.Tenant });
        foreach (var item in async ? await fromItems.ToListAsync(cancellationToken) : fromItems.ToList())
            tenants[item.JobId] = item.Tenant;
        return tenants;
    }
}
