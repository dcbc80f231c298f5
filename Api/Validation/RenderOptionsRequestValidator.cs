using FluentValidation;
using PosterGen.Api.Models;
using PosterGen.Consumers.Rendering;
using PosterGen.Contracts;

namespace PosterGen.Api.Validation;

public class RenderOptionsRequestValidator : AbstractValidator<RenderOptionsRequest>
{
    public static readonly string[] Formats = ["png", "jpeg", "webp", "pdf"];
    public static readonly (int Min, int Max) Quality = (1, 100);
    public static readonly (int Min, int Max) DeviceScaleFactor = (1, 3);
    public static readonly (int Min, int Max) Priority = (1, 10);

    public RenderOptionsRequestValidator()
    {
        RuleFor(x => x.Format).Must(f => f is null || Formats.Contains(f))
            .WithMessage($"format must be one of {string.Join(", ", Formats)}.");
        RuleFor(x => x.Quality).InclusiveBetween(Quality.Min, Quality.Max);
        RuleFor(x => x.DeviceScaleFactor).InclusiveBetween(DeviceScaleFactor.Min, DeviceScaleFactor.Max);
        RuleFor(x => x.Priority).InclusiveBetween(Priority.Min, Priority.Max);
        RuleFor(x => x.DeadlineSeconds).InclusiveBetween(1, 30 * 24 * 3600);
        RuleFor(x => x.PngCompression).Must(c => c is null || PngCompression.Names.Contains(c))
            .WithMessage($"png_compression must be one of {string.Join(", ", PngCompression.Names)}.");
    }

    public static RenderOptions ToOptions(RenderOptionsRequest? request) => new(
        request?.Format ?? RenderOptions.Default.Format,
        request?.Quality ?? RenderOptions.Default.Quality,
        request?.DeviceScaleFactor ?? RenderOptions.Default.DeviceScaleFactor,
        request?.Priority ?? RenderOptions.Default.Priority,
        request?.PngCompression ?? RenderOptions.Default.PngCompression);
}
