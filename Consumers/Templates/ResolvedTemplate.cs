using PosterGen.Consumers.Rendering;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Templates;

/// <summary>A template version ready to render, with what a request must supply.</summary>
/// <param name="ImagePlaceholders">Placeholders whose value is an image's URL (<c>src="{{logo}}"</c>, <c>url({{photo}})</c>).</param>
public record ResolvedTemplate(PosterTemplate Poster, string Name, IReadOnlyList<TemplatePlaceholder> Placeholders, IReadOnlySet<string> ImagePlaceholders)
{
    public IEnumerable<string> RequiredPlaceholders => Placeholders.Where(p => p.Required).Select(p => p.Name);
}
