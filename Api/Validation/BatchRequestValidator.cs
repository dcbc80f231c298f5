using FluentValidation;
using Microsoft.Extensions.Options;
using PosterGen.Api.Extensions;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

public class BatchRequestValidator : AbstractValidator<BatchRequest>
{
    public BatchRequestValidator(IOptions<PosterGenOptions> options, NotificationTargetsValidator notifications)
    {
        Include(notifications);
        var maxItems = options.Value.MaxBatchItems;
        RuleFor(x => x.TemplateId).NotEmpty()
            .Must(id => TemplateReference.TryParse(id, out _)).WithMessage("template_id must look like 'key', 'key@3' or 'key_latest'.");
        RuleFor(x => x.Items).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("items must be a non-empty array of objects.")
            .Must(items => items!.Count <= maxItems).WithMessage($"items may hold at most {maxItems} entries.");
        RuleFor(x => x.Items).Must(items => items!.Count <= Apis.DryRun.MaxItems).WithMessage(Apis.DryRun.TooManyItems)
            .When(x => x.DryRun == true && x.Items is not null);
        RuleForEach(x => x.Items).SetValidator(new ItemValidator());
        RuleFor(x => x.Options!).SetValidator(new RenderOptionsRequestValidator()).When(x => x.Options is not null);
    }
}
