using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Providers;

/// <summary>Hands out the configured provider's context wherever the code asks for the common one.</summary>
public class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PosterGenDbContext>
    where TContext : PosterGenDbContext
{
    public PosterGenDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PosterGenDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
