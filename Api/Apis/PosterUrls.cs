namespace PosterGen.Api.Apis;

public static class PosterUrls
{
    /// <summary>
    /// Local storage records paths (<c>/posters/...</c>) so the same row serves whatever host the
    /// client reached; they become absolute against the request here. S3 URLs pass through.
    /// </summary>
    public static Func<string?, string?> AbsoluteFor(HttpRequest request) => url =>
        url is not null && url.StartsWith('/') ? $"{request.Scheme}://{request.Host}{request.PathBase}{url}" : url;
}
