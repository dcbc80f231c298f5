using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;
using PosterGen.Api.Extensions;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

public class BatchRequestValidator : AbstractValidator<BatchRequest>
{
    public BatchRequestValidator(IOptions<PosterGenOptions> options)
    {
        var maxItems = options.Value.MaxBatchItems;
        RuleFor(x => x.TemplateId).NotEmpty()
            .Must(id => TemplateReference.TryParse(id, out _)).WithMessage("template_id must look like 'key', 'key@3' or 'key_latest'.");
        RuleFor(x => x.Items).NotEmpty()
            .Must(items => items!.Count <= maxItems).WithMessage($"items may hold at most {maxItems} entries.");
        RuleForEach(x => x.Items).Must(item => item.ValueKind == JsonValueKind.Object).WithMessage("Each item must be a JSON object.");
        RuleFor(x => x.Options!).SetValidator(new RenderOptionsRequestValidator()).When(x => x.Options is not null);
    }
}
