using System.Text.Json;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Rendering;

public interface IPosterRenderer
{
    /// <summary>Fills <paramref name="template"/> with <paramref name="data"/> (a JSON object) and renders it.</summary>
    /// <exception cref="RenderException">The poster could not be made; <see cref="RenderException.IsPermanent"/> says whether to retry.</exception>
    Task<RenderedPoster> RenderAsync(PosterTemplate template, JsonElement data, RenderOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Fills and lays out the poster as <see cref="RenderAsync"/> would, without capturing it: the
    /// warnings its render would carry.
    /// </summary>
    /// <exception cref="RenderException">The page could not be loaded.</exception>
    Task<IReadOnlyList<string>> InspectAsync(PosterTemplate template, JsonElement data, RenderOptions options, CancellationToken cancellationToken);
}
