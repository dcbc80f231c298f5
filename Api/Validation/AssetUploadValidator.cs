using FluentValidation;
using Microsoft.Extensions.Options;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>
/// A template asset is a font or an image by its name's extension, and its first bytes must say the
/// same, so a page is never served one thing labelled as another.
/// </summary>
public class AssetUploadValidator : AbstractValidator<AssetUpload>
{
    public const string NamePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    public AssetUploadValidator(IOptions<TemplateAssetOptions> options)
    {
        var maxBytes = options.Value.MaxBytes;
        RuleFor(x => x.Name).Matches(NamePattern)
            .WithMessage("name must be 1-128 letters, digits, '.', '-' or '_', starting with a letter or digit.")
            .Must(name => AssetTypes.ForName(name) is not null)
            .WithMessage($"name must end in one of: {AssetTypes.Names} (fonts and images).");
        RuleFor(x => x.Content).NotEmpty().WithMessage("The file is empty.")
            .Must(content => content.Length <= maxBytes).WithMessage($"The file is larger than TemplateAssets:MaxBytes ({maxBytes} bytes).");
        RuleFor(x => x.Content)
            .Must((upload, content) => AssetTypes.Looks(AssetTypes.ForName(upload.Name)!, content))
            .When(x => AssetTypes.ForName(x.Name) is not null && x.Content.Length > 0)
            .WithMessage(x => $"The content is not a {AssetTypes.ForName(x.Name)!.Extension} file (its first bytes say otherwise).");
    }
}
