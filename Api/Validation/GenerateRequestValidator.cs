using System.Text.Json;
using FluentValidation;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

public class GenerateRequestValidator : AbstractValidator<GenerateRequest>
{
    public GenerateRequestValidator(NotificationTargetsValidator notifications)
    {
        Include(notifications);
        RuleFor(x => x.TemplateId).NotEmpty()
            .Must(id => TemplateReference.TryParse(id, out _)).WithMessage("template_id must look like 'key', 'key@3' or 'key_latest'.");
        RuleFor(x => x.CustomData!.Value).SetValidator(new ItemValidator()).OverridePropertyName("custom_data")
            .When(x => x.CustomData is { ValueKind: not JsonValueKind.Null });
        RuleFor(x => x.Options!).SetValidator(new RenderOptionsRequestValidator()).When(x => x.Options is not null);
    }
}
