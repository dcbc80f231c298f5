namespace PosterGen.Consumers.Storage;

/// <summary>Where rendered posters are kept: a local folder served by the API, or S3.</summary>
public interface IPosterStorage
{
    /// <summary>Stores the poster under <paramref name="key"/>, replacing any object already there.</summary>
    Task<StoredPoster> SaveAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken);
}
