using System.Text.Json;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>
/// Checks item data against the template it will fill: within the size an item may have, and every
/// required placeholder present and not null. Runs after the template is resolved, so an unknown
/// template is a 404, not a 400.
/// </summary>
public static class TemplateDataValidator
{
    /// <summary>Room for a couple of images as data URIs; anything bigger belongs in template assets.</summary>
    public const int MaxItemBytes = 2 * 1024 * 1024;

    /// <param name="template">The resolved template version.</param>
    /// <param name="items">The items, in request order.</param>
    /// <param name="pathOf">The JSON path of item i, e.g. <c>items[7]</c> or <c>custom_data</c>.</param>
    public static Dictionary<string, string[]> Validate(ResolvedTemplate template, IReadOnlyList<JsonElement> items, Func<int, string> pathOf)
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
                if (!HasValue(items[i], name))
                    errors[$"{pathOf(i)}.{name}"] = [$"'{name}' is required by template '{template.Poster.Key}@{template.Poster.Version}'."];
            }
        }
        return errors;
    }

    private static bool HasValue(JsonElement item, string path)
    {
        var current = item;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                return false;
        }
        return current.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }
}
