using PosterGen.Consumers.Rendering;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Templates;

/// <summary>A template version ready to render, with what a request must supply.</summary>
/// <param name="ImagePlaceholders">Placeholders whose value is an image's URL (<c>src="{{logo}}"</c>, <c>url({{photo}})</c>).</param>
/// <param name="AssetNames">The template assets its HTML and CSS name literally.</param>
/// <param name="BlockPlaceholders">Placeholders a block opens on (<c>{{#each rows}}</c>): they may hold lists and objects.</param>
public record ResolvedTemplate(PosterTemplate Poster, string Name, IReadOnlyList<TemplatePlaceholder> Placeholders,
    IReadOnlySet<string> ImagePlaceholders, IReadOnlySet<string> AssetNames, IReadOnlySet<string> BlockPlaceholders)
{
    public IEnumerable<string> RequiredPlaceholders => Placeholders.Where(p => p.Required).Select(p => p.Name);

    /// <summary>The assets it names that the template does not have (yet, or any more).</summary>
    public IEnumerable<string> MissingAssets => AssetNames.Except(Poster.Assets.Select(a => a.Name)).Order();
}
