namespace PosterGen.Api.Models;

/// <summary>One uploaded file: the body of <c>PUT /api/templates/{key}/assets/{name}</c> under its name.</summary>
public record AssetUpload(string Name, byte[] Content);

/// <param name="Url">What the template writes to load it, e.g. <c>https://assets.postergen.invalid/brand.woff2</c>.</param>
/// <param name="Sha256">Of the content, lower-case hex: a re-upload of the same file changes nothing.</param>
public record TemplateAssetResponse(
    string Name,
    string Url,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTime CreatedAt,
    DateTime UpdatedAt);
