using System.Net;
using PuppeteerSharp;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Answers every request a rendering page makes, as <see cref="RequestPolicy"/> decides: inline
/// content goes on, template assets are fulfilled from storage, Fabric.js from the renderer's own
/// copy, allow-listed images are fetched by this process and fulfilled, and everything else is
/// aborted. Chromium never opens a connection.
/// </summary>
public class RequestRouter(RequestPolicy policy, AssetCache assets, RemoteImageFetcher images, FabricLibrary fabric)
{
    // Fonts from another origin load only with CORS; the page's own origin is opaque.
    private static readonly Dictionary<string, object> Headers = new()
    {
        ["Access-Control-Allow-Origin"] = "*",
        ["Cache-Control"] = "no-store",
    };

    /// <summary>Never throws: it runs as a page's request handler, where nobody would see an exception.</summary>
    public async Task RouteAsync(IRequest request, PageRequests page)
    {
        try
        {
            var kind = Uri.TryCreate(request.Url, UriKind.Absolute, out var url) ? policy.Classify(url) : RequestKind.Blocked;
            if (kind is RequestKind.TemplateAsset or RequestKind.AllowedImage or RequestKind.RendererScript && request.Method != HttpMethod.Get)
                kind = RequestKind.Blocked;

            switch (kind)
            {
                case RequestKind.Inline:
                    await request.ContinueAsync();
                    break;
                case RequestKind.TemplateAsset:
                    await ServeAssetAsync(request, url!, page);
                    break;
                case RequestKind.AllowedImage:
                    await ServeImageAsync(request, url!, page);
                    break;
                case RequestKind.RendererScript:
                    await ServeFabricAsync(request, page);
                    break;
                default:
                    await request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
                    break;
            }
        }
        catch (PuppeteerException)
        {
            // The page moved on or closed while this request was being answered.
        }
    }

    private async Task ServeAssetAsync(IRequest request, Uri url, PageRequests page)
    {
        TemplateAssetUrls.TryGetName(url, out var name);
        var template = page.Template;
        var asset = template?.Assets.FirstOrDefault(a => a.Name == name);
        if (asset is null)
        {
            page.Fail(new RenderException($"The template uses asset '{name}', which template '{template?.Key}' does not have: " +
                $"upload it with PUT /api/templates/{template?.Key}/assets/{name}.", isPermanent: true));
            await request.RespondAsync(new ResponseData { Status = HttpStatusCode.NotFound });
            return;
        }

        try
        {
            await RespondAsync(request, asset.ContentType, await assets.ReadAsync(asset, CancellationToken.None));
        }
        catch (RenderException reason)
        {
            page.Fail(reason);
            await request.AbortAsync(RequestAbortErrorCode.Failed);
        }
        catch (Exception exception) when (exception is not PuppeteerException)
        {
            page.Fail(new RenderException($"Asset '{name}' could not be read from storage: {exception.Message}", isPermanent: false, exception));
            await request.AbortAsync(RequestAbortErrorCode.Failed);
        }
    }

    private async Task ServeImageAsync(IRequest request, Uri url, PageRequests page)
    {
        try
        {
            var image = await images.FetchAsync(url, CancellationToken.None);
            await RespondAsync(request, image.ContentType, image.Content);
        }
        catch (RenderException reason)
        {
            page.Fail(reason);
            await request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
        }
    }

    private async Task ServeFabricAsync(IRequest request, PageRequests page)
    {
        try
        {
            await RespondAsync(request, "text/javascript", fabric.Script);
        }
        catch (RenderException reason)
        {
            page.Fail(reason);
            await request.AbortAsync(RequestAbortErrorCode.Failed);
        }
    }

    private static Task RespondAsync(IRequest request, string contentType, byte[] content) =>
        request.RespondAsync(new ResponseData { Status = HttpStatusCode.OK, ContentType = contentType, BodyData = content, Headers = Headers });
}
