using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>Section <c>RenderQueue</c>.</summary>
public class RenderQueueOptions
{
    public const string SectionName = "RenderQueue";

    /// <summary><c>database</c> (embedded default: the <c>batch_items</c> table) or <c>kafka</c>.</summary>
    [Required, RegularExpression("^(database|kafka)$", ErrorMessage = "RenderQueue:Transport must be 'database' or 'kafka'.")]
    public string Transport { get; set; } = "database";

    /// <summary>
    /// Posters handled at once by this process. Rendering itself is bounded by the page pool; a
    /// few more workers than pages keep the pool busy while others store and record results.
    /// </summary>
    [Range(1, 256, ErrorMessage = "RenderQueue:WorkerCount must be between 1 and 256.")]
    public int WorkerCount { get; set; } = Environment.ProcessorCount * 2;

    /// <summary>
    /// How long a claimed item belongs to its renderer. Longer than a poster can take with its
    /// retries (three attempts at <c>Render:TimeoutSeconds</c>); a renderer that died loses its
    /// items to the others when it runs out.
    /// </summary>
    [Range(5, 3600, ErrorMessage = "RenderQueue:LeaseSeconds must be between 5 and 3600.")]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>How often an idle renderer looks for work that another process queued.</summary>
    [Range(20, 10_000, ErrorMessage = "RenderQueue:PollIntervalMilliseconds must be between 20 and 10000.")]
    public int PollIntervalMilliseconds { get; set; } = 250;

    /// <summary>An item claimed this often without a result has crashed its renderers: it fails instead of being claimed again.</summary>
    [Range(1, 100, ErrorMessage = "RenderQueue:MaxClaims must be between 1 and 100.")]
    public int MaxClaims { get; set; } = 5;
}
