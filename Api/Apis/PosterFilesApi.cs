using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PosterGen.Api.Templates;
using PosterGen.Consumers.Storage;

namespace PosterGen.Api.Apis;

public static class PosterFilesApi
{
    /// <summary>
    /// With local storage, the API serves the poster folder under <c>/posters</c>; not the template
    /// assets kept beside the posters, which are the templates' (licensed fonts, say), not the public's.
    /// </summary>
    public static WebApplication MapPosterFiles(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != "local") return app;

        Directory.CreateDirectory(storage.Local.FullPath);
        var assets = new PathString($"{LocalStorageOptions.RequestPath}/{TemplateAssetStore.StoragePrefix}");
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(assets, StringComparison.OrdinalIgnoreCase), posters =>
            posters.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(storage.Local.FullPath),
                RequestPath = LocalStorageOptions.RequestPath,
                ServeUnknownFileTypes = false,
            }));
        return app;
    }
}
