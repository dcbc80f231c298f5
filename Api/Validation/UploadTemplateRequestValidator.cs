using FluentValidation;
using PosterGen.Api.Models;

namespace PosterGen.Api.Validation;

public class UploadTemplateRequestValidator : AbstractValidator<UploadTemplateRequest>
{
    public const int MaxHtmlLength = 1_000_000;
    public const int MaxCssLength = 500_000;

    public UploadTemplateRequestValidator()
    {
        RuleFor(x => x.HtmlContent).NotEmpty().MaximumLength(MaxHtmlLength);
        RuleFor(x => x.CssContent).MaximumLength(MaxCssLength);
        RuleFor(x => x.Section).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.Name))
            .WithMessage("section or name is required: the template's key is made from it.");
        RuleFor(x => x.Section).MaximumLength(64);
        RuleFor(x => x.Name).MaximumLength(200);
        RuleFor(x => x.Width).InclusiveBetween(1, 5000);
        RuleFor(x => x.Height).InclusiveBetween(1, 5000);
    }
}
