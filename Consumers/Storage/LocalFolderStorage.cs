using Microsoft.Extensions.Options;

namespace PosterGen.Consumers.Storage;

/// <summary>Keeps posters in a local folder that the API serves under <c>/posters</c>.</summary>
public class LocalFolderStorage(IOptions<StorageOptions> options) : IPosterStorage
{
    private readonly string root = options.Value.Local.FullPath;

    public async Task<StoredPoster> SaveAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(root, key));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Storage key '{key}' leaves the storage folder.", nameof(key));

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside, then rename: a reader never sees half a poster, and a retry simply replaces it.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);

        return new StoredPoster(key, $"{LocalStorageOptions.RequestPath}/{key}");
    }
}
