using Microsoft.Extensions.Caching.Memory;
using PosterGen.Consumers.Storage;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Template asset bytes held in the render process, keyed by their SHA-256: each one is read from
/// storage once, not once a poster, and a replaced asset is simply another entry.
/// </summary>
public sealed class AssetCache(IPosterStorage storage) : IDisposable
{
    private const long CapacityBytes = 256L * 1024 * 1024;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CapacityBytes });

    public async Task<byte[]> ReadAsync(PosterAsset asset, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(asset.Sha256, out byte[]? content)) return content!;

        content = await storage.ReadAsync(asset.StorageKey, cancellationToken)
            ?? throw new RenderException($"Asset '{asset.Name}' is missing from storage ('{asset.StorageKey}'): it was replaced or deleted " +
                "while this poster rendered, or, if this persists, upload it again.", isPermanent: false);
        return cache.Set(asset.Sha256, content, new MemoryCacheEntryOptions { Size = content.Length });
    }

    public void Dispose() => cache.Dispose();
}
