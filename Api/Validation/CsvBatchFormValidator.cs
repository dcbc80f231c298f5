using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using PosterGen.Api.Models;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Validation;

/// <summary>The CSV form's fields, as text, by the rules <see cref="RenderOptionsRequestValidator"/> applies to JSON.</summary>
public class CsvBatchFormValidator : AbstractValidator<CsvBatchForm>
{
    public CsvBatchFormValidator(NotificationTargetsValidator notifications)
    {
        RuleFor(x => x.Unreadable).Null().OverridePropertyName(CsvBatchForm.FileField).WithMessage(x => x.Unreadable!);
        When(x => x.Unreadable is null, () =>
        {
            Include(notifications);
            RuleFor(x => x.TemplateId).NotEmpty().WithMessage("template_id is required.")
                .Must(id => TemplateReference.TryParse(id, out _)).WithMessage("template_id must look like 'key', 'key@3' or 'key_latest'.");
            RuleFor(x => x.Rows).NotNull().OverridePropertyName(CsvBatchForm.FileField).WithMessage("A CSV 'file' is required.");
            RuleFor(x => x.Rows!).Custom((rows, context) =>
            {
                foreach (var (path, messages) in rows.Errors)
                    foreach (var message in messages)
                        context.AddFailure(new ValidationFailure(path, message));
            }).When(x => x.Rows is not null);
            RuleFor(x => x.Format).Must(f => f is null || RenderOptionsRequestValidator.Formats.Contains(f))
                .WithMessage($"format must be one of {string.Join(", ", RenderOptionsRequestValidator.Formats)}.");
            RuleFor(x => x.Quality).Must(q => q is null || IsWhole(q, RenderOptionsRequestValidator.Quality))
                .WithMessage($"quality must be a whole number from {RenderOptionsRequestValidator.Quality.Min} to {RenderOptionsRequestValidator.Quality.Max}.");
            RuleFor(x => x.Priority).Must(p => p is null || IsWhole(p, RenderOptionsRequestValidator.Priority))
                .WithMessage($"priority must be a whole number from {RenderOptionsRequestValidator.Priority.Min} to {RenderOptionsRequestValidator.Priority.Max}.");
            RuleFor(x => x.PngCompression).Must(c => c is null || PngCompression.Names.Contains(c))
                .WithMessage($"png_compression must be one of {string.Join(", ", PngCompression.Names)}.");
            RuleFor(x => x.DryRun).Must(d => d is null || bool.TryParse(d, out _)).WithMessage("dry_run must be true or false.");
            RuleFor(x => x.Rows!.Items).Must(items => items.Count <= Apis.DryRun.MaxItems).OverridePropertyName(CsvBatchForm.FileField)
                .WithMessage(Apis.DryRun.TooManyItems)
                .When(x => x.Rows is not null && x.DryRun is not null && bool.TryParse(x.DryRun, out var dryRun) && dryRun);
            RuleFor(x => x.DeviceScaleFactor).Must(d => d is null || IsScale(d))
                .WithMessage($"device_scale_factor must be a number from {RenderOptionsRequestValidator.DeviceScaleFactor.Min} to {RenderOptionsRequestValidator.DeviceScaleFactor.Max}.");
        });
    }

    private static bool IsWhole(string text, (int Min, int Max) range) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= range.Min && value <= range.Max;

    private static bool IsScale(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && value >= RenderOptionsRequestValidator.DeviceScaleFactor.Min && value <= RenderOptionsRequestValidator.DeviceScaleFactor.Max;
}
