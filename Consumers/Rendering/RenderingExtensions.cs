using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace PosterGen.Consumers.Rendering;

public static class RenderingExtensions
{
    /// <param name="startsBrowsers">
    /// Whether this process renders posters (sync generation or render work): its browsers then start
    /// with it and readiness waits for them.
    /// </param>
    public static IHostApplicationBuilder AddPosterRenderer(this IHostApplicationBuilder builder, bool startsBrowsers)
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
        builder.Services.AddSingleton<FabricCanvasFiller>();
        builder.Services.AddSingleton<FabricLibrary>();
        builder.Services.AddSingleton<RequestPolicy>();
        builder.Services.AddSingleton<AssetCache>();
        builder.Services.AddSingleton<RemoteImageFetcher>();
        builder.Services.AddSingleton<RequestRouter>();
        builder.Services.AddSingleton<ChromiumPosterRenderer>();
        builder.Services.AddSingleton<IPosterRenderer>(services => services.GetRequiredService<ChromiumPosterRenderer>());
        if (startsBrowsers)
        {
            builder.Services.AddSingleton<BrowserWarmUp>();
            builder.Services.AddHostedService(services => services.GetRequiredService<BrowserWarmUp>());
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("chromium",
                services => services.GetRequiredService<BrowserWarmUp>(), failureStatus: null, tags: ["ready"]));
        }
        return builder;
    }
}
