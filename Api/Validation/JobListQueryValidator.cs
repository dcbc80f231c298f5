using FluentValidation;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

public class JobListQueryValidator : AbstractValidator<JobListQuery>
{
    public JobListQueryValidator()
    {
        RuleFor(x => x.Status).Must(status => status is null || JobStatus.Listed.Contains(status))
            .WithMessage($"status must be one of {string.Join(", ", JobStatus.Listed)}.");
        RuleFor(x => x.Template).Must(template => template is null || TemplateReference.TryParse(template, out _))
            .WithMessage("template must look like 'key' or 'key@3'.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, JobListQuery.MaxPageSize);
        RuleFor(x => x.CreatedBefore).GreaterThan(x => x.CreatedAfter)
            .When(x => x.CreatedAfter is not null && x.CreatedBefore is not null)
            .WithMessage("created_before must be later than created_after.");
    }
}
