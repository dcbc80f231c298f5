using System.Text;

namespace PosterGen.Api.Downloads;

/// <summary>
/// File names inside a job's archive: the item's entity_id made safe for every unzip tool (else its
/// index), and unique: a second "a.png" becomes "a-2.png".
/// </summary>
public class ArchiveNames
{
    private const int MaxStemLength = 100;
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase) { "manifest.csv" };

    public string For(int itemIndex, string? entityId, string extension)
    {
        var stem = Sanitise(entityId) is { Length: > 0 } safe ? safe : itemIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{stem}.{extension}";
        for (var n = 2; !used.Add(name); n++)
            name = $"{stem}-{n}.{extension}";
        return name;
    }

    /// <summary>Letters, digits, '-', '_' and inner dots stay; anything else (slashes, '..', control characters) becomes '_'.</summary>
    public static string Sanitise(string? entityId)
    {
        if (string.IsNullOrWhiteSpace(entityId)) return "";
        var safe = new StringBuilder(Math.Min(entityId.Length, MaxStemLength));
        foreach (var c in entityId.Trim())
        {
            if (safe.Length == MaxStemLength) break;
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        return safe.ToString().Trim('.');
    }
}
