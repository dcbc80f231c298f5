using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Tenancy;

/// <summary>
/// Short-lived contexts for this scope's tenant (scoped), for readers that open one per page or poll
/// (SSE streams, downloads). API code takes this or the scoped <see cref="PosterGenDbContext"/>, never
/// the singleton <see cref="IDbContextFactory{PosterGenDbContext}"/>, whose contexts see every tenant.
/// </summary>
public sealed class TenantDbContexts(IDbContextFactory<PosterGenDbContext> contexts, CurrentTenant tenant)
{
    public async Task<PosterGenDbContext> CreateAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Tenancy = tenant;
        return db;
    }
}
