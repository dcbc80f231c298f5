using System.Text.Json;
using FluentValidation;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>Limits every template version obeys: an HTML body, bounded sizes, a sane canvas.</summary>
public abstract class TemplateContentValidator<T> : AbstractValidator<T> where T : ITemplateContent
{
    public const int MaxHtmlLength = 1_000_000;
    public const int MaxCssLength = 500_000;
    public const int MaxSide = 5000;

    protected TemplateContentValidator()
    {
        // A canvas version has no HTML; FabricCanvasContentValidator<T> checks it instead.
        When(x => x.FabricJson is null or { ValueKind: JsonValueKind.Null }, () =>
            RuleFor(x => x.HtmlContent).NotEmpty().WithMessage("html_content or fabric_json is required.").MaximumLength(MaxHtmlLength)
                .DependentRules(() =>
                    RuleFor(x => x.HtmlContent).Must(text => BeHandlebars(text!)).WithMessage(x => TemplateSyntax.FindError(x.HtmlContent!))));
        Include(new FabricCanvasContentValidator<T>());
        RuleFor(x => x.CssContent).MaximumLength(MaxCssLength).DependentRules(() =>
            RuleFor(x => x.CssContent).Must(text => BeHandlebars(text!)).When(x => x.CssContent is not null)
                .WithMessage(x => TemplateSyntax.FindError(x.CssContent!)));
        RuleFor(x => x.Name).MaximumLength(200);
        RuleFor(x => x.Width).InclusiveBetween(1, MaxSide);
        RuleFor(x => x.Height).InclusiveBetween(1, MaxSide);
        RuleFor(x => x.SampleData).Must(d => d is null || d.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("sample_data must be an object of placeholder values.");
        RuleFor(x => x.Preset).Must(p => p is null || SizePresets.TryGet(p, out _))
            .WithMessage($"preset must be one of {string.Join(", ", SizePresets.Names)}.");
    }

    /// <summary>Checked at upload: a template that does not compile would fail every poster made from it.</summary>
    private static bool BeHandlebars(string text) => TemplateSyntax.FindError(text) is null;
}

public class UploadTemplateRequestValidator : TemplateContentValidator<UploadTemplateRequest>
{
    public UploadTemplateRequestValidator()
    {
        RuleFor(x => x.Section).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.Name))
            .WithMessage("section or name is required: the template's key is made from it.");
        RuleFor(x => x.Section).MaximumLength(64);
        RuleFor(x => TemplateStore.KeyFor(x)).Must(TemplateReference.IsValidKey)
            .When(x => !string.IsNullOrWhiteSpace(x.Section) || !string.IsNullOrWhiteSpace(x.Name))
            .OverridePropertyName("section")
            .WithMessage(x => $"'{TemplateStore.KeyFor(x)}' is not a usable template key: use letters, digits, '-' or '_', not ending in '_latest'.");
    }
}

public class NewVersionRequestValidator : TemplateContentValidator<NewVersionRequest>;
