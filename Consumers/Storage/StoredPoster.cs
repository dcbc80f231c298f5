namespace PosterGen.Consumers.Storage;

/// <param name="Key">The storage key, e.g. <c>jobs/{job}/{index}.png</c>.</param>
/// <param name="Url">Where clients fetch it: relative (<c>/posters/...</c>) for local storage, absolute for S3.</param>
public record StoredPoster(string Key, string Url);
