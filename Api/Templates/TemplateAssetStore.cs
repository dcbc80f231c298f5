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
/// Stores template assets: the bytes in poster storage, the name in <c>template_assets</c>. Every
/// upload writes an object of its own before the name points at it, and the name moves from one
/// object to the next in one conditional update, so whoever moved it away from an object is the
/// only one who can delete that object: no name is ever left pointing at deleted bytes. A render
/// that read the old name just before the move finds its bytes gone, and retries with the new ones.
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
        var stored = await storage.SaveAsync($"{StoragePrefix}/{key}/{Guid.CreateVersion7():N}.{type.Extension}", upload.Content, type.ContentType, cancellationToken);
        var now = DateTime.UtcNow;
        var asset = new TemplateAsset
        {
            TemplateId = templateId,
            Name = upload.Name,
            ContentType = type.ContentType,
            SizeBytes = upload.Content.Length,
            StorageKey = stored.Key,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content)),
            CreatedAt = now,
            UpdatedAt = now,
        };

        // Each round either inserts the name or moves it from the object last seen; losing a race
        // to another upload of the same name only means looking again.
        while (true)
        {
            var current = await db.TemplateAssets.AsNoTracking()
                .Where(a => a.TemplateId == templateId && a.Name == upload.Name)
                .Select(a => new { a.StorageKey, a.CreatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                if (await TryInsertAsync(asset, cancellationToken))
                    return (ToResponse(asset), true);
                continue;
            }

            var moved = await db.TemplateAssets
                .Where(a => a.TemplateId == templateId && a.Name == upload.Name && a.StorageKey == current.StorageKey)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(a => a.ContentType, asset.ContentType)
                    .SetProperty(a => a.SizeBytes, asset.SizeBytes)
                    .SetProperty(a => a.StorageKey, asset.StorageKey)
                    .SetProperty(a => a.Sha256, asset.Sha256)
                    .SetProperty(a => a.UpdatedAt, asset.UpdatedAt), cancellationToken);
            if (moved == 0) continue;

            await DeleteIfUnusedAsync(current.StorageKey, cancellationToken);
            asset.CreatedAt = current.CreatedAt;
            return (ToResponse(asset), false);
        }
    }

    public async Task<IReadOnlyList<TemplateAssetResponse>> ListAsync(int templateId, CancellationToken cancellationToken)
    {
        var assets = await db.TemplateAssets.AsNoTracking().Where(a => a.TemplateId == templateId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return assets.Select(ToResponse).ToList();
    }

    /// <summary>Removes the name and then its bytes; false when the template has no such asset.</summary>
    public async Task<bool> DeleteAsync(int templateId, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var storageKey = await db.TemplateAssets.Where(a => a.TemplateId == templateId && a.Name == name)
                .Select(a => a.StorageKey).FirstOrDefaultAsync(cancellationToken);
            if (storageKey is null) return false;

            // Conditional, like a replacement: an upload that moved the name meanwhile owns the old object.
            if (await db.TemplateAssets.Where(a => a.TemplateId == templateId && a.Name == name && a.StorageKey == storageKey)
                    .ExecuteDeleteAsync(cancellationToken) == 0)
                continue;
            await DeleteIfUnusedAsync(storageKey, cancellationToken);
            return true;
        }
    }

    private async Task<bool> TryInsertAsync(TemplateAsset asset, CancellationToken cancellationToken)
    {
        db.TemplateAssets.Add(asset);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another upload of this new name inserted it first (the unique index on template and name).
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Objects are per upload, but assets stored before that were content-addressed and may be
    /// shared by two names of one template: those stay until the last name leaves them.
    /// </summary>
    private async Task DeleteIfUnusedAsync(string storageKey, CancellationToken cancellationToken)
    {
        if (!await db.TemplateAssets.AnyAsync(a => a.StorageKey == storageKey, cancellationToken))
            await storage.DeleteAsync(storageKey, cancellationToken);
    }

    private static TemplateAssetResponse ToResponse(TemplateAsset asset) => new(
        asset.Name, TemplateAssetUrls.For(asset.Name), asset.ContentType, asset.SizeBytes, asset.Sha256, asset.CreatedAt, asset.UpdatedAt);
}
