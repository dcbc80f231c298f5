using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PosterGen.Consumers.Rendering;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Templates;

/// <summary>
/// Resolves template references to versions. Versions are immutable, so a resolved version is cached
/// for the life of the process; only which version is active or latest is read from the database.
/// </summary>
public class TemplateCatalog(IDbContextFactory<PosterGenDbContext> contexts)
{
    private readonly ConcurrentDictionary<(string Key, int Version), ResolvedTemplate> versions = new();

    /// <summary>The version a reference points to, or null when there is none.</summary>
    public async Task<ResolvedTemplate?> FindAsync(TemplateReference reference, CancellationToken cancellationToken)
    {
        if (reference.Version is { } exact)
            return await FindVersionAsync(reference.Key, exact, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = db.TemplateVersions.AsNoTracking().Where(v => v.Template.Key == reference.Key);
        var version = reference.Latest
            ? await candidates.MaxAsync(v => (int?)v.Version, cancellationToken)
            : await candidates.Where(v => v.IsActive).Select(v => (int?)v.Version).FirstOrDefaultAsync(cancellationToken);
        return version is { } found ? await FindVersionAsync(reference.Key, found, cancellationToken) : null;
    }

    public async Task<ResolvedTemplate?> FindVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((key, version), out var cached)) return cached;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Template.Key == key && v.Version == version)
            .Select(v => new { v.Template.Name, v.Html, v.Css, v.Width, v.Height, v.Placeholders })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;

        var resolved = new ResolvedTemplate(
            new PosterTemplate(key, version, row.Html, row.Css, row.Width, row.Height), row.Name, row.Placeholders);
        return versions.GetOrAdd((key, version), resolved);
    }
}
