using System.Text.RegularExpressions;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// How a template names its assets: <c>https://assets.postergen.invalid/{name}</c>. The host can never
/// resolve (<c>.invalid</c> is reserved), so the only way such a request is answered is the
/// renderer's request interception serving it from storage; an ordinary https URL also keeps
/// fonts, CSS <c>url()</c> and <c>img</c> on their usual loading paths in Chromium.
/// </summary>
public static partial class TemplateAssetUrls
{
    public const string Host = "assets.postergen.invalid";

    public static string For(string name) => $"https://{Host}/{Uri.EscapeDataString(name)}";

    /// <summary>The asset name a URL asks for; a query string (cache busting in CSS) is ignored.</summary>
    public static bool TryGetName(Uri url, out string name)
    {
        name = "";
        if (url.Scheme != Uri.UriSchemeHttps || !url.IsDefaultPort || !string.Equals(url.Host, Host, StringComparison.OrdinalIgnoreCase))
            return false;
        name = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        return name.Length > 0;
    }

    /// <summary>
    /// Adds each asset's content hash to its URLs in the page (<c>.../logo.png?sha256=...</c>).
    /// Chromium keeps what a reused page loaded by URL, so without it a page could show the logo
    /// another template, or the replaced file, had under the same name.
    /// </summary>
    public static string Pin(string html, IReadOnlyList<PosterAsset> assets)
    {
        if (assets.Count == 0) return html;
        return AssetUrl().Replace(html, match =>
            assets.FirstOrDefault(a => a.Name == Uri.UnescapeDataString(match.Groups["name"].Value)) is { } asset
                ? $"{match.Groups["url"].Value}?sha256={asset.Sha256}{(match.Groups["query"].Success ? "&" : "")}"
                : match.Value);
    }

    /// <summary>The assets a template's HTML and CSS name literally; a name made of placeholders is only known per item.</summary>
    public static IReadOnlySet<string> NamesIn(string html, string? css) =>
        AssetUrl().Matches(html + "\n" + css).Select(match => Uri.UnescapeDataString(match.Groups["name"].Value)).ToHashSet();

    [GeneratedRegex(@"(?<url>https://assets\.postergen\.invalid/(?<name>[A-Za-z0-9._%-]+))(?<query>\?)?", RegexOptions.IgnoreCase)]
    private static partial Regex AssetUrl();
}
