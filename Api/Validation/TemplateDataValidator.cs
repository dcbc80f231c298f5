using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>
/// Checks item data against the template it will fill: within the size an item may have, every
/// required placeholder present and not null, and every value the template uses as an image's URL
/// a data URI or an allowed URL. Runs after the template is resolved, so an unknown template is a
/// 404, not a 400.
/// </summary>
public static class TemplateDataValidator
{
    /// <summary>Room for a couple of images as data URIs; anything bigger belongs in template assets.</summary>
    public const int MaxItemBytes = 2 * 1024 * 1024;

    /// <param name="template">The resolved template version.</param>
    /// <param name="items">The items, in request order.</param>
    /// <param name="pathOf">The JSON path of item i, e.g. <c>items[7]</c> or <c>custom_data</c>.</param>
    /// <param name="policy">What a page may load, for image values.</param>
    public static Dictionary<string, string[]> Validate(
        ResolvedTemplate template, IReadOnlyList<JsonElement> items, Func<int, string> pathOf, RequestPolicy policy)
    {
        var errors = new Dictionary<string, string[]>();
        var required = template.RequiredPlaceholders.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var size = items[i].GetRawText().Length;
            if (size > MaxItemBytes)
                errors[pathOf(i)] = [$"The item is {size / 1024} KiB of JSON; an item may be at most {MaxItemBytes / 1024} KiB."];
            foreach (var name in required)
            {
                if (!TryGetValue(items[i], name, out _))
                    errors[$"{pathOf(i)}.{name}"] = [$"'{name}' is required by template '{template.Poster.Key}@{template.Poster.Version}'."];
            }
            foreach (var name in template.ImagePlaceholders)
            {
                if (TryGetValue(items[i], name, out var value) && RefuseAsImage(value, policy) is { } reason)
                    errors[$"{pathOf(i)}.{name}"] = [$"'{name}' is shown as an image: {reason}"];
            }
        }
        return errors;
    }

    private static string? RefuseAsImage(JsonElement value, RequestPolicy policy) =>
        value.ValueKind == JsonValueKind.String
            ? policy.RefuseAsImage(value.GetString()!)
            : "An image must be a data:image/... URI or an https URL.";

    private static bool TryGetValue(JsonElement item, string path, out JsonElement value)
    {
        value = item;
        foreach (var part in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
                return false;
        }
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }
}
