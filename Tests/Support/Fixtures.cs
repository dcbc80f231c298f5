namespace PosterGen.Tests.Support;

/// <summary>The realistic 1080x1080 poster (a copy of shared/fixtures) and the data that fills it.</summary>
public static class Fixtures
{
    public static string Directory { get; } = Find();

    public static string PosterHtml => File.ReadAllText(Path.Combine(Directory, "poster-1080.html"));

    public static string BadgeDataUri => "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(Path.Combine(Directory, "badge.png")));

    public static Dictionary<string, object?> PosterData(int i) => new()
    {
        ["entity_id"] = $"offer-{i}",
        ["TITLE"] = $"Summer Sale #{i}",
        ["SUBTITLE"] = "Everything must go",
        ["HUE"] = (i * 37 % 360).ToString(),
        ["HUE2"] = (i * 53 % 360).ToString(),
        ["PRICE"] = $"${i % 90 + 9}.99",
        ["LINE1"] = "Hand-made in small batches by people who care.",
        ["STOCK"] = (i % 40 + 2).ToString(),
        ["REF"] = $"R-{i:D5}",
        ["IMAGE"] = BadgeDataUri,
    };

    /// <summary>
    /// A 400x300 template whose <c>#headline</c> box (360x140, 96px text) fits its text down to 20px:
    /// "Sale" keeps its size, a sentence shrinks into it, and one word wider than the box at 20px
    /// (<see cref="UnfittableHeadline"/>) overflows it.
    /// </summary>
    public const string FittedHeadlineHtml = """
        <html><body style="margin:0;background:#fff">
        <div id="headline" data-fit data-fit-min="20" style="position:absolute;left:20px;top:20px;width:360px;height:140px;font:96px/1.3 DejaVu Sans">{{headline}}</div>
        </body></html>
        """;

    public const string UnfittableHeadline = "Pneumonoultramicroscopicsilicovolcanoconiosis";

    private static string Find() => Path.Combine(AppContext.BaseDirectory, "Fixtures");
}
