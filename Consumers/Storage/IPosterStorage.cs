namespace PosterGen.Consumers.Storage;

/// <summary>Where rendered posters, and the assets templates render with, are kept: a local folder served by the API, or S3.</summary>
public interface IPosterStorage
{
    /// <summary>Stores the poster under <paramref name="key"/>, replacing any object already there.</summary>
    Task<StoredPoster> SaveAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken);

    /// <summary>The poster stored under <paramref name="key"/>, or null when there is none.</summary>
    Task<StoredPoster?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>The bytes stored under <paramref name="key"/>, or null when there are none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A stream of the bytes stored under <paramref name="key"/>, or null when there are none: for
    /// downloads that pass many posters through without holding them.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes what is stored under <paramref name="key"/>; nothing there is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
