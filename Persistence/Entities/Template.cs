using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>A named poster design; its content lives in immutable <see cref="TemplateVersion"/>s.</summary>
public class Template : ITenantOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public int Id { get; set; }

    /// <summary>Stable reference used by clients, e.g. <c>testimonial</c> (from the section when uploaded).</summary>
    public string Key { get; set; } = null!;
    public string Section { get; set; } = null!;
    public string Name { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<TemplateVersion> Versions { get; set; } = [];

    /// <summary>Fonts and images its versions share.</summary>
    public List<TemplateAsset> Assets { get; set; } = [];
}
