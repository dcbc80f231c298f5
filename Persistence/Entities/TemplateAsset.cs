using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>
/// A font or image uploaded for a template, which its pages load as
/// <c>https://assets.postergen.invalid/{name}</c>. Assets belong to the template, not to one version:
/// replacing one changes the posters of every version from then on, and the render cache with them.
/// Each upload is an object of its own in storage, deleted once its name has moved on.
/// </summary>
public class TemplateAsset : ITenantOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public int Id { get; set; }
    public int TemplateId { get; set; }
    public Template Template { get; set; } = null!;

    /// <summary>What the template calls it, e.g. <c>brand.woff2</c>; unique per template.</summary>
    public string Name { get; set; } = null!;
    public string ContentType { get; set; } = null!;
    public long SizeBytes { get; set; }

    /// <summary>Where the bytes are in poster storage: <c>template-assets/{key}/{upload id}.{ext}</c>.</summary>
    public string StorageKey { get; set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the bytes: the render cache's view of the asset.</summary>
    public string Sha256 { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
