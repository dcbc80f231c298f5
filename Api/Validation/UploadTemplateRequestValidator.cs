using System.Text.Json;
using FluentValidation;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;

namespace PosterGen.Api.Validation;

/// <summary>Limits every template version obeys: an HTML body, bounded sizes, a sane canvas.</summary>
public abstract class TemplateContentValidator<T> : AbstractValidator<T> where T : ITemplateContent
{
    public const int MaxHtmlLength = 1_000_000;
    public const int MaxCssLength = 500_000;
    public const int MaxSide = 5000;

    protected TemplateContentValidator()
    {
        RuleFor(x => x.HtmlContent).NotEmpty().MaximumLength(MaxHtmlLength);
        RuleFor(x => x.CssContent).MaximumLength(MaxCssLength);
        RuleFor(x => x.Name).MaximumLength(200);
        RuleFor(x => x.Width).InclusiveBetween(1, MaxSide);
        RuleFor(x => x.Height).InclusiveBetween(1, MaxSide);
        RuleFor(x => x.SampleData).Must(d => d is null || d.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("sample_data must be an object of placeholder values.");
        RuleFor(x => x.Preset).Must(p => p is null || SizePresets.TryGet(p, out _))
            .WithMessage($"preset must be one of {string.Join(", ", SizePresets.Names)}.");
    }
}

public class UploadTemplateRequestValidator : TemplateContentValidator<UploadTemplateRequest>
{
    public UploadTemplateRequestValidator()
    {
        RuleFor(x => x.Section).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.Name))
            .WithMessage("section or name is required: the template's key is made from it.");
        RuleFor(x => x.Section).MaximumLength(64);
    }
}

public class NewVersionRequestValidator : TemplateContentValidator<NewVersionRequest>;
