namespace PosterGen.Consumers.Templates;

/// <param name="Extension">Without the dot, lower case: <c>woff2</c>.</param>
/// <param name="ContentType">What the page is served: <c>font/woff2</c>.</param>
/// <param name="IsFont">Fonts or images; both can be template assets, only images can be per-item values.</param>
/// <param name="Signatures">The file's first bytes for one of these (ASCII or raw bytes), or <c>null</c> to check text content.</param>
public record AssetType(string Extension, string ContentType, bool IsFont, byte[][]? Signatures);
