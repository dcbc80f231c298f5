using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Storage;

namespace PosterGen.Api.Apis;

public static class PosterFilesApi
{
    /// <summary>With local storage, the API serves the poster folder under <c>/posters</c>.</summary>
    public static WebApplication MapPosterFiles(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != "local") return app;

        Directory.CreateDirectory(storage.Local.FullPath);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(storage.Local.FullPath),
            RequestPath = LocalStorageOptions.RequestPath,
            ServeUnknownFileTypes = false,
        });
        return app;
    }
}
