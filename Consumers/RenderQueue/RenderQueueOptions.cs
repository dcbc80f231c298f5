using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>Section <c>RenderQueue</c>.</summary>
public class RenderQueueOptions
{
    public const string SectionName = "RenderQueue";

    /// <summary><c>inprocess</c> (embedded) or <c>kafka</c>.</summary>
    [Required, RegularExpression("^(inprocess|kafka)$", ErrorMessage = "RenderQueue:Transport must be 'inprocess' or 'kafka'.")]
    public string Transport { get; set; } = "inprocess";

    /// <summary>
    /// Posters handled at once by this process. Rendering itself is bounded by the page pool; a
    /// few more workers than pages keep the pool busy while others store and record results.
    /// </summary>
    [Range(1, 256, ErrorMessage = "RenderQueue:WorkerCount must be between 1 and 256.")]
    public int WorkerCount { get; set; } = Environment.ProcessorCount * 2;
}
