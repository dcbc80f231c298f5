using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PosterGen.Consumers.Templates;

/// <summary>
/// How clients name a template: <c>key</c> (its active version), <c>key@3</c> (version 3) or
/// <c>key_latest</c> (its newest version).
/// </summary>
public sealed partial record TemplateReference(string Key, int? Version, bool Latest)
{
    private const string LatestSuffix = "_latest";

    public static bool TryParse(string? text, out TemplateReference reference)
    {
        reference = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();

        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            if (!int.TryParse(text[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
                return false;
            reference = new TemplateReference(text[..at], version, false);
        }
        else if (text.EndsWith(LatestSuffix, StringComparison.Ordinal) && text.Length > LatestSuffix.Length)
            reference = new TemplateReference(text[..^LatestSuffix.Length], null, true);
        else
            reference = new TemplateReference(text, null, false);

        return KeyPattern().IsMatch(reference.Key);
    }

    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key) && !key.EndsWith(LatestSuffix, StringComparison.Ordinal);

    /// <summary>Turns a section or name such as "Testimonial Cards" or "Été" into a key: <c>testimonial-cards</c>, <c>ete</c>.</summary>
    public static string KeyFrom(string text)
    {
        var plain = string.Concat(text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));
        var slug = NonKeyCharacters().Replace(plain, "-").Trim('-');
        return slug.Length > 64 ? slug[..64].TrimEnd('-') : slug;
    }

    public override string ToString() => Version is { } v ? $"{Key}@{v}" : Latest ? Key + LatestSuffix : Key;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonKeyCharacters();
}
