using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Rendering;

/// <summary>Section <c>Render</c>.</summary>
public class RendererOptions
{
    public const string SectionName = "Render";

    /// <summary>Pages rendering at once in this process, spread evenly over its browsers.</summary>
    [Range(1, 64, ErrorMessage = "Render:Concurrency must be between 1 and 64.")]
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Chromium browsers this process runs (at most one per page). Each encodes screenshots on its
    /// own main thread, about one core's worth, so the default is one per core.
    /// </summary>
    [Range(1, 16, ErrorMessage = "Render:Browsers must be between 1 and 16.")]
    public int Browsers { get; set; } = Environment.ProcessorCount;

    /// <summary>Longest one poster may take, scripts and fonts included.</summary>
    [Range(1, 600, ErrorMessage = "Render:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Renders after which a browser is replaced, so leaks in Chromium cannot accumulate.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Render:RecycleAfter must be between 1 and 1000000.")]
    public int RecycleAfter { get; set; } = 500;
}
