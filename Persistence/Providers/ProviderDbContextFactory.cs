using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Providers;

/// <summary>
/// Hands out the configured provider's context wherever the code asks for the common one. For background
/// work: its contexts act for no tenant (see <see cref="PosterGenDbContext.Tenancy"/>).
/// </summary>
public class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PosterGenDbContext>
    where TContext : PosterGenDbContext
{
    public PosterGenDbContext CreateDbContext() => ForEveryTenant(inner.CreateDbContext());

    public async Task<PosterGenDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        ForEveryTenant(await inner.CreateDbContextAsync(cancellationToken));

    /// <summary>A pooled context may come back from a request: this factory's contexts always see every tenant.</summary>
    private static PosterGenDbContext ForEveryTenant(PosterGenDbContext db)
    {
        db.Tenancy = null;
        return db;
    }
}
