using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>One immutable version of a template: what a poster is rendered from.</summary>
public class TemplateVersion : ITenantOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public int Id { get; set; }
    public int TemplateId { get; set; }
    public Template Template { get; set; } = null!;

    /// <summary>1, 2, 3... per template.</summary>
    public int Version { get; set; }
    public string Html { get; set; } = null!;
    public string? Css { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Placeholders found in the HTML and CSS, stored as a JSON array.</summary>
    public List<TemplatePlaceholder> Placeholders { get; set; } = [];

    /// <summary>The version a bare template key resolves to; at most one per template.</summary>
    public bool IsActive { get; set; }
    public DateTime CreatedAt { get; set; }
}
