namespace PosterGen.Consumers.Rendering;

/// <summary>One template version as the renderer needs it. Versions are immutable, so (Tenant, Key, Version) identifies the content.</summary>
/// <param name="Html">The page to fill, or null for a Fabric.js canvas version (<see cref="Canvas"/>).</param>
public record PosterTemplate(string Key, int Version, string? Html, string? Css, int Width, int Height)
{
    /// <summary>A Fabric.js canvas version: drawn from this instead of <see cref="Html"/>.</summary>
    public FabricCanvasTemplate? Canvas { get; init; }

    /// <summary>
    /// The template's fonts and images as they are now. They belong to the template, not the version,
    /// so they are looked up for each render and are part of the render cache's key.
    /// </summary>
    public IReadOnlyList<PosterAsset> Assets { get; init; } = [];

    /// <summary>Whose template it is: keys are unique per tenant only.</summary>
    public string Tenant { get; init; } = Persistence.Tenancy.Tenants.Default;
}
