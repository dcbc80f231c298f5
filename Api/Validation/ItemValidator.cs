using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace PosterGen.Api.Validation;

/// <summary>
/// What every item must be whatever its template: a JSON object whose <c>entity_id</c> (or <c>id</c>),
/// echoed in its result, is a string or a number.
/// </summary>
public class ItemValidator : AbstractValidator<JsonElement>
{
    public static readonly string[] IdFields = ["entity_id", "id"];

    public ItemValidator() =>
        RuleFor(item => item).Custom((item, context) =>
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, $"An item must be a JSON object, not {KindOf(item)}."));
                return;
            }
            foreach (var name in IdFields)
            {
                if (item.TryGetProperty(name, out var id) && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
                    context.AddFailure(new ValidationFailure(Join(context.PropertyPath, name), $"{name} must be a string or a number, not {KindOf(id)}."));
            }
        });

    /// <summary>An error path inside an item: <c>items[3]</c> and <c>title</c> make <c>items[3].title</c>.</summary>
    public static string Join(string? path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";

    public static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
