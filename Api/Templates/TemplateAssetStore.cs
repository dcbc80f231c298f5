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

        var now = DateTime.UtcNow;
        var asset = await db.TemplateAssets.FirstOrDefaultAsync(a => a.TemplateId == templateId && a.Name == upload.Name, cancellationToken);
        var created = asset is null;
        asset ??= db.TemplateAssets.Add(new TemplateAsset { TemplateId = templateId, Name = upload.Name, CreatedAt = now }).Entity;
        asset.ContentType = type.ContentType;
        asset.SizeBytes = upload.Content.Length;
        asset.StorageKey = stored.Key;
        asset.Sha256 = sha256;
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

    private static TemplateAssetResponse ToResponse(TemplateAsset asset) => new(
        asset.Name, TemplateAssetUrls.For(asset.Name), asset.ContentType, asset.SizeBytes, asset.Sha256, asset.CreatedAt, asset.UpdatedAt);
}
