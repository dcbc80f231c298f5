using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using PosterGen.Api.Models;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Api.Validation;

/// <summary>
/// A canvas version: <c>fabric_json</c> a Fabric.js canvas whose text and image placeholders compile,
/// a size (the canvas JSON does not carry one), and <c>variable_mappings</c> naming text or image
/// objects in range, each once. Mappings without a canvas are refused.
/// </summary>
public class FabricCanvasContentValidator<T> : AbstractValidator<T> where T : ITemplateContent
{
    public const int MaxFabricJsonLength = 5_000_000;

    public FabricCanvasContentValidator() =>
        RuleFor(x => x).Custom((content, context) =>
        {
            if (content.FabricJson is null or { ValueKind: JsonValueKind.Null })
            {
                if (content.VariableMappings is { Count: > 0 })
                    context.AddFailure("variable_mappings", "variable_mappings apply to fabric_json canvases only.");
                return;
            }
            if (!string.IsNullOrEmpty(content.HtmlContent))
                context.AddFailure("fabric_json", "Send html_content or fabric_json, not both: a version is an HTML page or a Fabric.js canvas.");
            if (content.Preset is null && (content.Width is null || content.Height is null))
                context.AddFailure(content.Width is null ? "width" : "height",
                    "width and height (or a preset) are required with fabric_json: a canvas JSON does not carry its size.");

            var json = content.FabricJsonText();
            if (json is null)
            {
                context.AddFailure("fabric_json", "fabric_json must be the canvas JSON object, or a string holding it.");
                return;
            }
            if (json.Length > MaxFabricJsonLength)
            {
                context.AddFailure("fabric_json", $"fabric_json is {json.Length} characters; a canvas may have at most {MaxFabricJsonLength}.");
                return;
            }
            if (FabricCanvas.Parse(json, out var error) is not { } canvas)
            {
                context.AddFailure("fabric_json", error);
                return;
            }
            foreach (var slot in canvas.Slots)
            {
                if (TemplateSyntax.FindError(slot.Value) is { } syntax)
                    context.AddFailure("fabric_json", $"{slot.Path}: {syntax}");
            }
            CheckMappings(canvas, content.VariableMappings ?? [], context);
        });

    private static void CheckMappings(FabricCanvas canvas, IReadOnlyList<VariableMappingRequest> mappings, ValidationContext<T> context)
    {
        var mapped = new Dictionary<int, int>();
        for (var i = 0; i < mappings.Count; i++)
        {
            var path = $"variable_mappings[{i}]";
            if (mappings[i] is not { } mapping)
            {
                context.AddFailure(path, "A mapping is an object: {\"object\": 3, \"field\": \"name\"}.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(mapping.Field) || !PlaceholderExtractor.IsName(mapping.Field))
                context.AddFailure(new ValidationFailure($"{path}.field",
                    "field must name an item field: letters, digits, '_' or '-', dotted for nested ones (owner.name)."));

            if (mapping.Object is not { } index)
                context.AddFailure($"{path}.object", "object is required: the index of a canvas object in fabric_json's objects.");
            else if (index < 0 || index >= canvas.Objects.Count)
                context.AddFailure($"{path}.object",
                    $"object {index} is out of range: the canvas has {canvas.Objects.Count} objects (0 to {canvas.Objects.Count - 1}).");
            else if (canvas.ShowsText(index) is null)
                context.AddFailure($"{path}.object", $"objects[{index}] is a {canvas.TypeOf(index)}: only text and image objects can be mapped.");
            else if (!mapped.TryAdd(index, i))
                context.AddFailure($"{path}.object", $"objects[{index}] is already mapped by variable_mappings[{mapped[index]}].");
        }
    }
}
