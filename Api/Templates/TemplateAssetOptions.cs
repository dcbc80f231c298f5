using System.ComponentModel.DataAnnotations;

namespace PosterGen.Api.Templates;

/// <summary>Section <c>TemplateAssets</c>: limits on the fonts and images uploaded with templates.</summary>
public class TemplateAssetOptions
{
    public const string SectionName = "TemplateAssets";

    /// <summary>Largest single file; a web font or a logo is well under the default.</summary>
    [Range(1, 50 * 1024 * 1024, ErrorMessage = "TemplateAssets:MaxBytes must be between 1 and 52428800.")]
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Assets one template may have; every render of it may load them all.</summary>
    [Range(1, 1000, ErrorMessage = "TemplateAssets:MaxPerTemplate must be between 1 and 1000.")]
    public int MaxPerTemplate { get; set; } = 20;
}
