using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>Items to fill a resolved template with, and the path each is named by in errors.</summary>
/// <param name="PathOf">The path of item i, e.g. <c>items[7]</c>, <c>rows[7]</c> or <c>custom_data</c>.</param>
public record TemplateItems(ResolvedTemplate Template, IReadOnlyList<JsonElement> Items, Func<int, string> PathOf);

/// <summary>
/// Checks item data against the template it will fill: within the size an item may have, every
/// required placeholder present and not null, every value the template prints a string, number or
/// boolean, and every value it uses as an image's URL a data URI or an allowed URL. Runs after the
/// template is resolved, so an unknown template is a 404, not a 400.
/// </summary>
public class TemplateItemsValidator : AbstractValidator<TemplateItems>
{
    /// <summary>Room for a couple of images as data URIs; anything bigger belongs in template assets.</summary>
    public const int MaxItemBytes = 2 * 1024 * 1024;

    public TemplateItemsValidator(RequestPolicy policy) =>
        RuleFor(x => x).Custom((request, context) =>
        {
            var template = request.Template;
            var version = $"{template.Poster.Key}@{template.Poster.Version}";
            for (var i = 0; i < request.Items.Count; i++)
            {
                var item = request.Items[i];
                var path = request.PathOf(i);
                var size = item.GetRawText().Length;
                if (size > MaxItemBytes)
                    context.AddFailure(new ValidationFailure(path, $"The item is {size / 1024} KiB of JSON; an item may be at most {MaxItemBytes / 1024} KiB."));
                foreach (var placeholder in template.Placeholders)
                {
                    var field = ItemValidator.Join(path, placeholder.Name);
                    if (!TryGetValue(item, placeholder.Name, out var value))
                    {
                        if (placeholder.Required)
                            context.AddFailure(new ValidationFailure(field, $"'{placeholder.Name}' is required by template '{version}'."));
                    }
                    else if (!template.BlockPlaceholders.Contains(placeholder.Name)
                        && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                        context.AddFailure(new ValidationFailure(field,
                            $"'{placeholder.Name}' is printed by template '{version}', so it must be a string, a number or a boolean, not {ItemValidator.KindOf(value)}."));
                }
                foreach (var name in template.ImagePlaceholders)
                {
                    if (TryGetValue(item, name, out var value) && RefuseAsImage(value, policy) is { } reason)
                        context.AddFailure(new ValidationFailure(ItemValidator.Join(path, name), $"'{name}' is shown as an image: {reason}"));
                }
            }
        });

    private static string? RefuseAsImage(JsonElement value, RequestPolicy policy) => value.ValueKind switch
    {
        JsonValueKind.String => policy.RefuseAsImage(value.GetString()!),
        JsonValueKind.Object or JsonValueKind.Array => null, // refused above as a printed value
        _ => "An image must be a data:image/... URI or an https URL.",
    };

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
