using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PosterGen.Api.Models;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;
using PosterGen.Consumers.Templates;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Templates;

/// <summary>
/// Stores template assets: the bytes content-addressed in poster storage, the name in
/// <c>template_assets</c>. Replacing an asset points its name at new bytes; the old bytes stay,
/// as posters already rendered with them are still served.
/// </summary>
public class TemplateAssetStore(PosterGenDbContext db, IPosterStorage storage)
{
    /// <summary>Where asset bytes live in storage; the API does not serve this folder as posters.</summary>
    public const string StoragePrefix = "template-assets";

    public Task<int?> FindTemplateIdAsync(string key, CancellationToken cancellationToken) =>
        db.Templates.Where(t => t.Key == key).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>How many assets the template has besides <paramref name="names"/>, which an upload would replace.</summary>
    public Task<int> CountOthersAsync(int templateId, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        db.TemplateAssets.CountAsync(a => a.TemplateId == templateId && !names.Contains(a.Name), cancellationToken);

    /// <returns>The asset, and whether it is new rather than a replacement.</returns>
    public async Task<(TemplateAssetResponse Asset, bool Created)> SaveAsync(
        int templateId, string key, AssetUpload upload, CancellationToken cancellationToken)
    {
        var type = AssetTypes.ForName(upload.Name)!;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        var stored = await storage.SaveAsync($"{StoragePrefix}/{key}/{sha256}.{type.Extension}", upload.Content, type.ContentType, cancellationToken);
        var content = new StoredAsset(type.ContentType, upload.Content.Length, stored.Key, sha256);
        try
        {
            return await PointNameAtAsync(templateId, upload.Name, content, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another upload of this new name inserted it first (the unique index on template and
            // name): this upload replaces that one, as if it had come a moment later.
            db.ChangeTracker.Clear();
            return await PointNameAtAsync(templateId, upload.Name, content, cancellationToken);
        }
    }

    private async Task<(TemplateAssetResponse Asset, bool Created)> PointNameAtAsync(
        int templateId, string name, StoredAsset content, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var asset = await db.TemplateAssets.FirstOrDefaultAsync(a => a.TemplateId == templateId && a.Name == name, cancellationToken);
        var created = asset is null;
        asset ??= db.TemplateAssets.Add(new TemplateAsset { TemplateId = templateId, Name = name, CreatedAt = now }).Entity;
        asset.ContentType = content.ContentType;
        asset.SizeBytes = content.SizeBytes;
        asset.StorageKey = content.StorageKey;
        asset.Sha256 = content.Sha256;
        asset.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (ToResponse(asset), created);
    }

    public async Task<IReadOnlyList<TemplateAssetResponse>> ListAsync(int templateId, CancellationToken cancellationToken)
    {
        var assets = await db.TemplateAssets.AsNoTracking().Where(a => a.TemplateId == templateId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return assets.Select(ToResponse).ToList();
    }

    /// <summary>Removes the name; false when the template has no such asset.</summary>
    public async Task<bool> DeleteAsync(int templateId, string name, CancellationToken cancellationToken) =>
        await db.TemplateAssets.Where(a => a.TemplateId == templateId && a.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;

    private sealed record StoredAsset(string ContentType, long SizeBytes, string StorageKey, string Sha256);

    private static TemplateAssetResponse ToResponse(TemplateAsset asset) => new(
        asset.Name, TemplateAssetUrls.For(asset.Name), asset.ContentType, asset.SizeBytes, asset.Sha256, asset.CreatedAt, asset.UpdatedAt);
}
