using FluentValidation;
using PosterGen.Api.Models;

namespace PosterGen.Api.Validation;

public class ActivateRequestValidator : AbstractValidator<ActivateRequest>
{
    public ActivateRequestValidator() =>
        RuleFor(x => x.Version).GreaterThanOrEqualTo(1).WithMessage("version must be a version number, 1 or more.");
}
