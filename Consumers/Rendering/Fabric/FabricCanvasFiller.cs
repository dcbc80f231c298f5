using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HandlebarsDotNet;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Turns a canvas version plus one item's data into the canvas JSON the page draws. Values go in as
/// plain strings of the JSON (a text's <c>text</c>, an image's <c>src</c>): Fabric.js draws text as
/// text, so nothing is HTML-escaped, and the page parses the JSON as data, never as code. Variable
/// mappings then set their object's whole text or image. Slots are compiled once per version.
/// </summary>
public class FabricCanvasFiller
{
    private readonly IHandlebars handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly ConcurrentDictionary<(string Tenant, string Key, int Version), Lazy<IReadOnlyList<CompiledSlot>>> compiled = new();

    public FabricCanvasFiller() => QrCodes.Register(handlebars);

    public string Fill(PosterTemplate template, JsonElement data)
    {
        var canvas = template.Canvas ?? throw new RenderException($"Template '{template.Key}@{template.Version}' is not a canvas.", isPermanent: true);
        var slots = compiled.GetOrAdd((template.Tenant, template.Key, template.Version),
            _ => new Lazy<IReadOnlyList<CompiledSlot>>(() => Compile(template, canvas))).Value;

        var root = JsonNode.Parse(canvas.Json)!;
        var values = TemplateCompiler.ToObject(data) ?? new Dictionary<string, object?>();
        try
        {
            foreach (var slot in slots)
                ObjectAt(root, slot.Slot.Indexes)[slot.Slot.Property] = slot.Fill(values);
        }
        catch (HandlebarsException exception)
        {
            throw new RenderException($"Template '{template.Key}@{template.Version}' could not be filled: {exception.Message}", isPermanent: true, exception);
        }
        foreach (var mapping in canvas.Mappings)
        {
            if (TextOf(data, mapping.Field) is not { } text) continue;
            var target = ObjectAt(root, [mapping.Object]);
            target[target["text"] is JsonValue ? "text" : "src"] = text;
        }
        return TemplateAssetUrls.Pin(root.ToJsonString(), template.Assets);
    }

    private List<CompiledSlot> Compile(PosterTemplate template, FabricCanvasTemplate canvas)
    {
        try
        {
            return FabricCanvas.Load(canvas.Json).Slots.Where(s => s.Value.Contains("{{", StringComparison.Ordinal))
                .Select(s => new CompiledSlot(s, handlebars.Compile(s.Value))).ToList();
        }
        catch (HandlebarsException exception)
        {
            throw new RenderException($"Template '{template.Key}@{template.Version}' does not compile: {exception.Message}", isPermanent: true, exception);
        }
    }

    private static JsonObject ObjectAt(JsonNode root, IEnumerable<int> indexes) =>
        indexes.Aggregate(root, (node, index) => node["objects"]![index]!).AsObject();

    /// <summary>A mapped field's value as the text to show, or null when the item has none (the template's own text stays).</summary>
    private static string? TextOf(JsonElement item, string field)
    {
        var value = item;
        foreach (var part in field.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value)) return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    private sealed record CompiledSlot(FabricSlot Slot, HandlebarsTemplate<object, object> Fill);
}
