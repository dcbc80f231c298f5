namespace PosterGen.Api.Templates;

/// <summary>
/// Canvas sizes clients ask for by name. Paper sizes are CSS pixels at 96 dpi, the size Chromium
/// lays a printed page out at, so a4 and letter templates fill a PDF page exactly.
/// </summary>
public static class SizePresets
{
    private static readonly Dictionary<string, (int Width, int Height)> Sizes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["instagram-square"] = (1080, 1080),
        ["instagram-portrait"] = (1080, 1350),
        ["instagram-story"] = (1080, 1920),
        ["og-image"] = (1200, 630),
        ["a4"] = (794, 1123),
        ["letter"] = (816, 1056),
    };

    public static IReadOnlyCollection<string> Names => Sizes.Keys;

    public static bool TryGet(string? name, out (int Width, int Height) size)
    {
        size = default;
        return name is not null && Sizes.TryGetValue(name, out size);
    }
}
