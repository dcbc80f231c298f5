using Microsoft.Extensions.FileProviders;

namespace PosterGen.Api.Dashboard;

/// <summary>
/// The operators' dashboard at <c>/</c>: the static files of <c>Api/wwwroot</c>, embedded in the
/// assembly so they are served whatever the working directory (tests, <c>bin</c>, the container).
/// They are public like health checks; the data they show comes from <c>/api</c>, which asks for a key.
/// </summary>
public static class DashboardExtensions
{
    /// <summary>
    /// Scripts and styles from this origin only, no inline code, no framing. Images may come from
    /// anywhere posters are stored (S3 or a CDN), or from blobs (previews fetched with the key).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' https: http: blob: data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardExtensions).Assembly, "PosterGen.Api.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // A new release's files are fetched again, not served from a stale cache.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
