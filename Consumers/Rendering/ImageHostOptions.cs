using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Section <c>Render:Images</c>: the hosts item images may come from as https URLs. The render
/// process fetches them itself (never Chromium), only from public addresses, within a size and a
/// time limit.
/// </summary>
public class ImageHostOptions
{
    public const string SectionName = "Render:Images";

    /// <summary>Host names, exact (<c>cdn.example.com</c>) or with a leading wildcard (<c>*.example.com</c>). Empty: data URIs only.</summary>
    public string[] AllowedHosts { get; set; } = [];

    [Range(1, 50 * 1024 * 1024, ErrorMessage = "Render:Images:MaxBytes must be between 1 and 52428800.")]
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    [Range(1, 60, ErrorMessage = "Render:Images:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>True for an https URL without credentials whose host is on <see cref="AllowedHosts"/>.</summary>
    public bool IsAllowed(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps && url.UserInfo.Length == 0
        && AllowedHosts.Any(entry => Matches(entry.Trim(), url.IdnHost));

    private static bool Matches(string entry, string host) =>
        entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
}
