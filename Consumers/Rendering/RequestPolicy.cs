using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Templates;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Decides which requests a rendering page may make. Posters are self-contained: inline and
/// <c>data:</c> content, the template's own assets, and images from allow-listed hosts, which the
/// render process fetches itself. A template or a value can never reach the network, the host's
/// files, loopback or private addresses through Chromium.
/// </summary>
public partial class RequestPolicy(IOptions<ImageHostOptions> images)
{
    public RequestKind Classify(Uri url) =>
        url.Scheme is "data" or "blob" || url.AbsoluteUri == "about:blank" ? RequestKind.Inline
        : FabricLibrary.IsScriptUrl(url) ? RequestKind.RendererScript
        : TemplateAssetUrls.TryGetName(url, out _) ? RequestKind.TemplateAsset
        : images.Value.IsAllowed(url) ? RequestKind.AllowedImage
        : RequestKind.Blocked;

    /// <summary>
    /// Why <paramref name="value"/> cannot be an item's image, or null when it can: a
    /// <c>data:image/...</c> URI, a template asset URL or an https URL on the allow-list. Checked
    /// when a request is accepted, so a bad value is a 400 naming the item, not a failed poster.
    /// </summary>
    public string? RefuseAsImage(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return DataImage().Match(value) is { Success: true } match && AssetTypes.ImageContentTypes.Contains(match.Groups["type"].Value)
                ? null
                : "A data URI image must be data:image/png, jpeg, gif, webp or svg+xml.";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            return "An image must be a data:image/... URI or an https URL.";
        return Classify(url) is RequestKind.TemplateAsset or RequestKind.AllowedImage
            ? null
            : $"Images are not fetched from '{url.Host}': it is not on Render:Images:AllowedHosts.";
    }

    [GeneratedRegex(@"^data:(?<type>image/[a-z0-9.+-]+)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex DataImage();
}
