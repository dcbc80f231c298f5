using System.Text;

namespace PosterGen.Consumers.Templates;

/// <summary>
/// The fonts and images a template may carry, recognised by name and checked by their first bytes,
/// so a file is served as what it really is.
/// </summary>
public static class AssetTypes
{
    private static readonly byte[][] FontSignatures = [[0x00, 0x01, 0x00, 0x00], "true"u8.ToArray(), "OTTO"u8.ToArray()];

    public static readonly IReadOnlyList<AssetType> All =
    [
        new("woff2", "font/woff2", true, ["wOF2"u8.ToArray()]),
        new("woff", "font/woff", true, ["wOFF"u8.ToArray()]),
        new("ttf", "font/ttf", true, FontSignatures),
        new("otf", "font/otf", true, FontSignatures),
        new("png", "image/png", false, [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        new("jpg", "image/jpeg", false, [[0xFF, 0xD8, 0xFF]]),
        new("jpeg", "image/jpeg", false, [[0xFF, 0xD8, 0xFF]]),
        new("webp", "image/webp", false, ["RIFF"u8.ToArray()]),
        new("gif", "image/gif", false, ["GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()]),
        new("svg", "image/svg+xml", false, null),
    ];

    /// <summary>Media types an image may have, as a URL's response or a data URI.</summary>
    public static readonly IReadOnlySet<string> ImageContentTypes =
        All.Where(t => !t.IsFont).Select(t => t.ContentType).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static string Names => string.Join(", ", All.Select(t => t.Extension));

    public static AssetType? ForName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? null : All.FirstOrDefault(t => t.Extension.Equals(name[(dot + 1)..], StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="content"/> starts like a file of <paramref name="type"/>.</summary>
    public static bool Looks(AssetType type, ReadOnlySpan<byte> content)
    {
        if (type.Signatures is null)
            return Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]).Contains("<svg", StringComparison.OrdinalIgnoreCase);
        if (type.Extension == "webp")
            return content.StartsWith("RIFF"u8) && content.Length > 12 && content[8..12].SequenceEqual("WEBP"u8);
        foreach (var signature in type.Signatures)
        {
            if (content.StartsWith(signature)) return true;
        }
        return false;
    }
}
