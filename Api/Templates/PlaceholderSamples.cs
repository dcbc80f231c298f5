using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Templates;

/// <summary>
/// Sample values and type hints for placeholders: what the uploader gave, else a guess from the
/// name, and the data a preview renders with. A placeholder given a sample is optional: the
/// uploader has said what it looks like filled, so an item may leave it out (it prints empty).
/// </summary>
public static partial class PlaceholderSamples
{
    public static TemplatePlaceholder Describe(TemplatePlaceholder placeholder, JsonElement? samples)
    {
        if (samples is { ValueKind: JsonValueKind.Object } given && given.TryGetProperty(placeholder.Name, out var sample)
            && sample.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            var text = sample.ValueKind == JsonValueKind.String ? sample.GetString()! : sample.GetRawText();
            return placeholder with { Required = false, Type = TypeOf(sample, text), Sample = text };
        }
        return placeholder with { Type = ImageName().IsMatch(placeholder.Name) ? "image" : ColorName().IsMatch(placeholder.Name) ? "color" : "text" };
    }

    /// <summary>The item a preview renders: each sample, else the placeholder's name in brackets for text.</summary>
    public static JsonElement PreviewData(IEnumerable<TemplatePlaceholder> placeholders)
    {
        var data = new Dictionary<string, object>();
        foreach (var placeholder in placeholders)
        {
            if (placeholder.Sample is { } sample)
                data[placeholder.Name] = placeholder.Type switch
                {
                    "number" => double.Parse(sample, CultureInfo.InvariantCulture),
                    "boolean" => bool.Parse(sample),
                    _ => sample,
                };
            else if (placeholder.Type == "text")
                data[placeholder.Name] = $"[{placeholder.Name}]";
        }
        return JsonSerializer.SerializeToElement(data);
    }

    private static string TypeOf(JsonElement sample, string text) => sample.ValueKind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ when text.StartsWith("data:image/", StringComparison.Ordinal) || ImageUrl().IsMatch(text) => "image",
        _ when HexColor().IsMatch(text) => "color",
        _ => "text",
    };

    [GeneratedRegex("(logo|image|img|photo|picture|avatar|icon)", RegexOptions.IgnoreCase)]
    private static partial Regex ImageName();

    [GeneratedRegex("(colou?r|hue)", RegexOptions.IgnoreCase)]
    private static partial Regex ColorName();

    [GeneratedRegex(@"^https?://\S+\.(png|jpe?g|gif|webp|svg)(\?\S*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageUrl();

    [GeneratedRegex("^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$", RegexOptions.IgnoreCase)]
    private static partial Regex HexColor();
}
