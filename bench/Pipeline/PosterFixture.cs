using System.Text.RegularExpressions;

namespace PosterGen.Bench.Pipeline;

/// <summary>The realistic 1080x1080 poster and the values that fill it, the same for both loops.</summary>
public class PosterFixture(string directory)
{
    public string Html { get; } = File.ReadAllText(Path.Combine(directory, "poster-1080.html"));

    private readonly string badge = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(Path.Combine(directory, "badge.png")));

    // Differs per run, so a server's render cache never answers for a poster an earlier run made.
    private readonly string run = Guid.NewGuid().ToString("N")[..6];

    public Dictionary<string, string> Data(int i) => new()
    {
        ["entity_id"] = $"offer-{i}",
        ["TITLE"] = $"Summer Sale #{i}",
        ["SUBTITLE"] = "Everything must go",
        ["HUE"] = (i * 37 % 360).ToString(),
        ["HUE2"] = (i * 53 % 360).ToString(),
        ["PRICE"] = $"${i % 90 + 9}.99",
        ["LINE1"] = "Hand-made in small batches by people who care.",
        ["STOCK"] = (i % 40 + 2).ToString(),
        ["REF"] = $"R-{i:D5}-{run}",
        ["IMAGE"] = badge,
    };

    /// <summary>What the bare loop renders: placeholders replaced by plain substitution.</summary>
    public string Filled(int i)
    {
        var data = Data(i);
        return Regex.Replace(Html, @"\{\{(\w+)\}\}", m => data.GetValueOrDefault(m.Groups[1].Value, ""));
    }
}
