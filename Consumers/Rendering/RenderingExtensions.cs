using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PosterGen.Consumers.Rendering;

public static class RenderingExtensions
{
    public static IHostApplicationBuilder AddPosterRenderer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RendererOptions>()
            .BindConfiguration(RendererOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ChromiumOptions>()
            .BindConfiguration(ChromiumOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.ExecutablePath), "Chromium:ExecutablePath does not point at a file (install Chromium: scripts/install-chromium.sh).")
            .ValidateOnStart();
        builder.Services.AddOptions<ImageHostOptions>()
            .BindConfiguration(ImageHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TemplateCompiler>();
        builder.Services.AddSingleton<RequestPolicy>();
        builder.Services.AddSingleton<AssetCache>();
        builder.Services.AddSingleton<RemoteImageFetcher>();
        builder.Services.AddSingleton<RequestRouter>();
        builder.Services.AddSingleton<IPosterRenderer, ChromiumPosterRenderer>();
        return builder;
    }
}
