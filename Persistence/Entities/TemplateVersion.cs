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

    /// <summary>The HTML page, or null for a Fabric.js canvas version (<see cref="FabricJson"/>).</summary>
    public string? Html { get; set; }

    /// <summary>With <see cref="Html"/> its stylesheet; with <see cref="FabricJson"/> the page's (its <c>@font-face</c> rules).</summary>
    public string? Css { get; set; }

    /// <summary>A Fabric.js canvas as <c>canvas.toJSON()</c> writes it, or null for an HTML version. Exactly one of the two is set.</summary>
    public string? FabricJson { get; set; }

    /// <summary>Canvas objects filled from item fields by index, stored as a JSON array; empty for HTML versions.</summary>
    public List<VariableMapping> VariableMappings { get; set; } = [];
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Placeholders found in the HTML and CSS, stored as a JSON array.</summary>
    public List<TemplatePlaceholder> Placeholders { get; set; } = [];

    /// <summary>The version a bare template key resolves to; at most one per template.</summary>
    public bool IsActive { get; set; }
    public DateTime CreatedAt { get; set; }
}
