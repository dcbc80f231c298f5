using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// What a Fabric.js canvas JSON (as <c>canvas.toJSON()</c> writes it) holds for filling: its top-level
/// objects and the strings placeholders can be in. Text objects (<c>Text</c>, <c>IText</c>,
/// <c>Textbox</c>, any object with a string <c>text</c>) take placeholders in their <c>text</c>,
/// images in their <c>src</c>, inside groups too. Placeholders follow the HTML rules
/// (<see cref="PlaceholderExtractor"/>), and mapped fields are required like printed ones.
/// </summary>
public sealed partial class FabricCanvas
{
    private FabricCanvas(JsonArray objects, IReadOnlyList<FabricSlot> slots)
    {
        Objects = objects;
        Slots = slots;
    }

    /// <summary>The top-level objects, the ones variable mappings name by index.</summary>
    public JsonArray Objects { get; }

    public IReadOnlyList<FabricSlot> Slots { get; }

    /// <summary>The canvas, or why <paramref name="json"/> is not one.</summary>
    public static FabricCanvas? Parse(string json, out string? error)
    {
        error = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            error = $"fabric_json is not valid JSON: {exception.Message}";
            return null;
        }
        if (root is not JsonObject { } canvas || canvas["objects"] is not JsonArray objects)
        {
            error = "fabric_json must be a Fabric.js canvas as canvas.toJSON() writes it: an object with an 'objects' array.";
            return null;
        }
        var slots = new List<FabricSlot>();
        error = Collect(objects, [], slots);
        return error is null ? new FabricCanvas(objects, slots) : null;
    }

    /// <summary>Parses a version already checked at upload.</summary>
    public static FabricCanvas Load(string json) =>
        Parse(json, out var error) ?? throw new RenderException($"The stored canvas is not valid: {error}", isPermanent: true);

    /// <summary>Whether the object at <paramref name="index"/> shows text (true), an image (false) or neither (null).</summary>
    public bool? ShowsText(int index) => Objects[index] switch
    {
        JsonObject o when o["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String => true,
        JsonObject o when IsImage(o) => false,
        _ => null,
    };

    /// <summary>The object's <c>type</c>, for messages.</summary>
    public string TypeOf(int index) => Objects[index]?["type"]?.ToString() ?? "object";

    /// <summary>Every slot's text, one a line, for <see cref="PlaceholderExtractor"/>.</summary>
    public string TemplateText => string.Join("\n", Slots.Select(s => s.Value));

    /// <summary>Placeholders, the mapped fields among them and required.</summary>
    public IReadOnlyList<TemplatePlaceholder> Placeholders(IEnumerable<VariableMapping> mappings)
    {
        var found = PlaceholderExtractor.Extract(TemplateText, null).ToList();
        foreach (var field in mappings.Select(m => m.Field).Distinct())
        {
            var index = found.FindIndex(p => p.Name == field);
            if (index < 0) found.Add(new TemplatePlaceholder(field, Required: true));
            else found[index] = found[index] with { Required = true };
        }
        return found;
    }

    /// <summary>Fields that become an image's URL: a <c>src</c> that starts with one, and fields mapped onto images.</summary>
    public IReadOnlySet<string> ImagePlaceholders(IEnumerable<VariableMapping> mappings) =>
        Slots.Where(s => s.Property == "src").Select(s => LeadingPlaceholder().Match(s.Value))
            .Where(m => m.Success).Select(m => m.Groups["name"].Value)
            .Concat(mappings.Where(m => m.Object < Objects.Count && ShowsText(m.Object) == false).Select(m => m.Field))
            .ToHashSet();

    private static string? Collect(JsonArray objects, IReadOnlyList<int> parent, List<FabricSlot> slots)
    {
        for (var i = 0; i < objects.Count; i++)
        {
            IReadOnlyList<int> indexes = [.. parent, i];
            if (objects[i] is not JsonObject item || item["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
                return $"{FabricSlot.ObjectPath(indexes)} must be an object with a 'type', as Fabric.js writes it.";

            if (item["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                slots.Add(new FabricSlot(indexes, "text", text.GetValue<string>()));
            if (IsImage(item))
                slots.Add(new FabricSlot(indexes, "src", item["src"]!.GetValue<string>()));
            if (item["objects"] is JsonArray children && Collect(children, indexes, slots) is { } error)
                return error;
        }
        return null;
    }

    private static bool IsImage(JsonObject item) =>
        string.Equals(item["type"]?.ToString(), "image", StringComparison.OrdinalIgnoreCase)
        && item["src"] is JsonValue src && src.GetValueKind() == JsonValueKind.String;

    [GeneratedRegex(@"^\s*\{\{\{?~?\s*(?<name>[A-Za-z_][A-Za-z0-9_\-.]*)\s*~?\}?\}\}")]
    private static partial Regex LeadingPlaceholder();
}
