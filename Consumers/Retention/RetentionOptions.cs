using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Retention;

/// <summary>Section <c>Retention</c>: how long finished jobs are kept.</summary>
public class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Finished jobs are deleted this many days after they finished; 0 keeps every job. Thirty, as
    /// seed 004's <c>BATCH_RETENTION_DAYS</c>.
    /// </summary>
    [Range(0, 36500, ErrorMessage = "Retention:Days must be between 0 and 36500.")]
    public int Days { get; set; } = 30;

    /// <summary>How often the saga role looks for jobs past their retention.</summary>
    [Range(1, 86400, ErrorMessage = "Retention:SweepSeconds must be between 1 and 86400.")]
    public int SweepSeconds { get; set; } = 3600;
}
