using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Templates;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Fetches item images from allow-listed hosts for the page, so Chromium itself never connects
/// anywhere. The address is checked where the connection is made, after DNS: a listed name that
/// resolves (or is rebound) to loopback, link-local or a private range is refused. Responses are
/// bounded in size and time, must be images, and are kept a few minutes, as a batch tends to
/// show the same logo on every poster.
/// </summary>
public sealed class RemoteImageFetcher : IDisposable
{
    private const int MaxRedirects = 3;
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly ImageHostOptions options;
    private readonly HttpClient client;
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public RemoteImageFetcher(IOptions<ImageHostOptions> options)
    {
        this.options = options.Value;
        client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            // Redirects are followed here, one allow-list check each, never by the handler.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = PublicAddressConnector.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = TimeSpan.FromSeconds(this.options.TimeoutSeconds),
        };
    }

    /// <exception cref="RenderException">The image cannot be had; permanent unless the host may answer another time.</exception>
    public async Task<FetchedImage> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        if (recent.TryGetValue(url.AbsoluteUri, out FetchedImage? kept)) return kept!;

        var image = await DownloadAsync(url, cancellationToken);
        return recent.Set(url.AbsoluteUri, image, new MemoryCacheEntryOptions { Size = image.Content.Length, AbsoluteExpirationRelativeToNow = KeptFor });
    }

    private async Task<FetchedImage> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                using var response = await client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    current = new Uri(current, location);
                    if (redirects == MaxRedirects || !options.IsAllowed(current))
                        throw Refused(url, $"it redirects to {current.Host}, which is not allowed (or too many redirects)");
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw new RenderException($"Image {url} could not be fetched: HTTP {(int)response.StatusCode}.",
                        isPermanent: (int)response.StatusCode is >= 400 and < 500 and not 408 and not 429);

                var type = response.Content.Headers.ContentType?.MediaType ?? "";
                if (!AssetTypes.ImageContentTypes.Contains(type))
                    throw Refused(url, $"it is '{type}', not an image");
                return new FetchedImage(await ReadBoundedAsync(url, response.Content, cancellationToken), type);
            }
            catch (HttpRequestException exception) when (exception.InnerException is NonPublicAddressException refused)
            {
                throw Refused(url, refused.Message);
            }
            catch (HttpRequestException exception)
            {
                throw new RenderException($"Image {url} could not be fetched: {exception.Message}", isPermanent: false, exception);
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RenderException($"Image {url} took longer than Render:Images:TimeoutSeconds ({options.TimeoutSeconds} s).", isPermanent: false, exception);
            }
        }
    }

    /// <summary>The body, refused as soon as it passes the limit, whatever Content-Length said.</summary>
    private async Task<byte[]> ReadBoundedAsync(Uri url, HttpContent content, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (kept.Length + read > options.MaxBytes)
                throw Refused(url, $"it is larger than Render:Images:MaxBytes ({options.MaxBytes} bytes)");
            kept.Write(buffer, 0, read);
        }
        return kept.ToArray();
    }

    private static RenderException Refused(Uri url, string why) => new($"Image {url} was refused: {why}.", isPermanent: true);

    public void Dispose()
    {
        client.Dispose();
        recent.Dispose();
    }
}
