using Microsoft.Playwright;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Answers every request a rendering page makes, as <see cref="RequestPolicy"/> decides: inline
/// content goes on, template assets are fulfilled from storage, allow-listed images are fetched by
/// this process and fulfilled, and everything else is aborted. Chromium never opens a connection.
/// </summary>
public class RequestRouter(RequestPolicy policy, AssetCache assets, RemoteImageFetcher images)
{
    private const string Blocked = "blockedbyclient";

    // Fonts from another origin load only with CORS; the page's own origin is opaque.
    private static readonly Dictionary<string, string> Headers = new()
    {
        ["Access-Control-Allow-Origin"] = "*",
        ["Cache-Control"] = "no-store",
    };

    public async Task RouteAsync(IRoute route, PageRequests page)
    {
        try
        {
            var kind = Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var url) ? policy.Classify(url) : RequestKind.Blocked;
            if (kind is RequestKind.TemplateAsset or RequestKind.AllowedImage && route.Request.Method != "GET")
                kind = RequestKind.Blocked;

            switch (kind)
            {
                case RequestKind.Inline:
                    await route.ContinueAsync();
                    break;
                case RequestKind.TemplateAsset:
                    await ServeAssetAsync(route, url!, page);
                    break;
                case RequestKind.AllowedImage:
                    await ServeImageAsync(route, url!, page);
                    break;
                default:
                    await route.AbortAsync(Blocked);
                    break;
            }
        }
        catch (PlaywrightException)
        {
            // The page moved on or closed while this request was being answered.
        }
    }

    private async Task ServeAssetAsync(IRoute route, Uri url, PageRequests page)
    {
        TemplateAssetUrls.TryGetName(url, out var name);
        var template = page.Template;
        var asset = template?.Assets.FirstOrDefault(a => a.Name == name);
        if (asset is null)
        {
            page.Fail(new RenderException($"The template uses asset '{name}', which template '{template?.Key}' does not have: " +
                $"upload it with PUT /api/templates/{template?.Key}/assets/{name}.", isPermanent: true));
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
            return;
        }

        try
        {
            var content = await assets.ReadAsync(asset, CancellationToken.None);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = asset.ContentType, BodyBytes = content, Headers = Headers });
        }
        catch (RenderException reason)
        {
            page.Fail(reason);
            await route.AbortAsync("failed");
        }
        catch (Exception exception) when (exception is not PlaywrightException)
        {
            page.Fail(new RenderException($"Asset '{name}' could not be read from storage: {exception.Message}", isPermanent: false, exception));
            await route.AbortAsync("failed");
        }
    }

    private async Task ServeImageAsync(IRoute route, Uri url, PageRequests page)
    {
        try
        {
            var image = await images.FetchAsync(url, CancellationToken.None);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = image.ContentType, BodyBytes = image.Content, Headers = Headers });
        }
        catch (RenderException reason)
        {
            page.Fail(reason);
            await route.AbortAsync(Blocked);
        }
    }
}
