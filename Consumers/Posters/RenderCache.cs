using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Storage;
using PosterGen.Consumers.Telemetry;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Posters;

/// <summary>
/// Content-addressed posters: the same template version, data and output options always make the
/// same file, so it is stored under a key derived from exactly those, and found there instead of
/// rendered again. Template versions are immutable, which is what makes the key safe.
/// </summary>
public class RenderCache(IPosterRenderer renderer, IPosterStorage storage)
{
    public async Task<CachedPoster> GetOrRenderAsync(PosterTemplate template, JsonElement data, RenderOptions options, CancellationToken cancellationToken)
    {
        var format = OutputFormat.Parse(options.Format);
        var key = $"renders/{Fingerprint(template, data, options)}.{format.FileExtension}";
        if (await storage.FindAsync(key, cancellationToken) is { } found)
            // The file does not say how its text fitted: a template that fits text lays the poster
            // out again (no capture, no encoding) to give the same warnings as its first render.
            return new CachedPoster(found, CacheHit: true, TextFitting.Applies(template.Html)
                ? await renderer.InspectAsync(template, data, options, cancellationToken)
                : []);

        var poster = await renderer.RenderAsync(template, data, options, cancellationToken);
        using var store = PosterGenTelemetry.StartStore(key);
        return new CachedPoster(await storage.SaveAsync(key, poster.Content, poster.ContentType, cancellationToken), CacheHit: false, poster.Warnings);
    }

    /// <summary>
    /// SHA-256 of what decides the pixels. Data is compacted first, so whitespace does not matter;
    /// priority is left out, as it only decides when a poster is made. The template's assets count
    /// by name and content, as they can change while the version stays; a template without assets
    /// keeps the key it always had, and so do the default tenant and the default PNG compression.
    /// </summary>
    public static string Fingerprint(PosterTemplate template, JsonElement data, RenderOptions options)
    {
        var format = OutputFormat.Parse(options.Format);
        var identity = string.Join('\n', template.Key, template.Version, JsonSerializer.Serialize(data),
            format.Name, options.Quality, options.DeviceScaleFactor.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        // Another tenant's "testimonial@1" is another template; the default tenant keeps the keys it had before tenants.
        if (template.Tenant != Persistence.Tenancy.Tenants.Default)
            identity = template.Tenant + "\n" + identity;
        if (format == OutputFormat.Png && PngCompression.IsSmall(options.PngCompression))
            identity += "\npng_compression=" + PngCompression.Small;
        if (template.Assets.Count > 0)
            identity += "\n" + string.Join(',', template.Assets.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Name}={a.Sha256}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}

/// <param name="Stored">Where the poster is.</param>
/// <param name="CacheHit">True when it was found already stored and not rendered.</param>
/// <param name="Warnings">The render's warnings (<see cref="RenderedPoster.Warnings"/>).</param>
public record CachedPoster(StoredPoster Stored, bool CacheHit, IReadOnlyList<string> Warnings);
