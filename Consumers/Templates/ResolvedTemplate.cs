using PosterGen.Consumers.Rendering;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Templates;

/// <summary>A template version ready to render, with what a request must supply.</summary>
public record ResolvedTemplate(PosterTemplate Poster, string Name, IReadOnlyList<TemplatePlaceholder> Placeholders)
{
    public IEnumerable<string> RequiredPlaceholders => Placeholders.Where(p => p.Required).Select(p => p.Name);
}
