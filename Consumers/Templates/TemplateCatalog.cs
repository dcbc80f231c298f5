using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PosterGen.Consumers.Rendering;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Templates;

/// <summary>
/// Resolves a tenant's template references to versions. Versions are immutable, so a resolved version
/// is cached for the life of the process; which version is active or latest, and the template's assets
/// (which can be replaced under the same name), are read from the database each time. Renderers use it
/// for every tenant, so the tenant is always named, never taken from a request.
/// </summary>
public class TemplateCatalog(IDbContextFactory<PosterGenDbContext> contexts)
{
    private readonly ConcurrentDictionary<(string Tenant, string Key, int Version), ResolvedTemplate> versions = new();

    /// <summary>The version a reference points to, or null when <paramref name="tenant"/> has none.</summary>
    public async Task<ResolvedTemplate?> FindAsync(string tenant, TemplateReference reference, CancellationToken cancellationToken)
    {
        if (reference.Version is { } exact)
            return await FindVersionAsync(tenant, reference.Key, exact, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = db.TemplateVersions.AsNoTracking().Where(v => v.Tenant == tenant && v.Template.Key == reference.Key);
        var version = reference.Latest
            ? await candidates.MaxAsync(v => (int?)v.Version, cancellationToken)
            : await candidates.Where(v => v.IsActive).Select(v => (int?)v.Version).FirstOrDefaultAsync(cancellationToken);
        return version is { } found ? await FindVersionAsync(tenant, reference.Key, found, cancellationToken) : null;
    }

    public async Task<ResolvedTemplate?> FindVersionAsync(string tenant, string key, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = versions.TryGetValue((tenant, key, version), out var cached) ? cached : await LoadVersionAsync(db, tenant, key, version, cancellationToken);
        if (found is null) return null;

        var assets = await db.TemplateAssets.AsNoTracking()
            .Where(a => a.Tenant == tenant && a.Template.Key == key)
            .OrderBy(a => a.Name)
            .Select(a => new PosterAsset(a.Name, a.ContentType, a.StorageKey, a.Sha256))
            .ToListAsync(cancellationToken);
        return assets.Count == 0 ? found : found with { Poster = found.Poster with { Assets = assets } };
    }

    private async Task<ResolvedTemplate?> LoadVersionAsync(PosterGenDbContext db, string tenant, string key, int version, CancellationToken cancellationToken)
    {
        var row = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Tenant == tenant && v.Template.Key == key && v.Version == version)
            .Select(v => new { v.Template.Name, v.Html, v.Css, v.FabricJson, v.VariableMappings, v.Width, v.Height, v.Placeholders })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;

        var poster = new PosterTemplate(key, version, row.Html, row.Css, row.Width, row.Height) { Tenant = tenant };
        ResolvedTemplate resolved;
        if (row.FabricJson is { } json)
        {
            var canvas = FabricCanvas.Load(json);
            resolved = new ResolvedTemplate(poster with { Canvas = new FabricCanvasTemplate(json, row.VariableMappings) }, row.Name, row.Placeholders,
                canvas.ImagePlaceholders(row.VariableMappings), TemplateAssetUrls.NamesIn(json, row.Css),
                PlaceholderExtractor.BlockPlaceholders(canvas.TemplateText, null));
        }
        else
            resolved = new ResolvedTemplate(poster, row.Name, row.Placeholders,
                PlaceholderExtractor.ImagePlaceholders(row.Html!, row.Css), TemplateAssetUrls.NamesIn(row.Html!, row.Css),
                PlaceholderExtractor.BlockPlaceholders(row.Html!, row.Css));
        return versions.GetOrAdd((tenant, key, version), resolved);
    }
}
