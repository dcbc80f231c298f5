using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Jobs;

/// <summary>Section <c>Jobs</c>.</summary>
public class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// A job's deadline when its request names none (<c>options.deadline_seconds</c>). A day: a
    /// 100,000-item job at the embedded default's five posters a second takes under six hours.
    /// </summary>
    [Range(1, 30 * 24 * 3600, ErrorMessage = "Jobs:DefaultDeadlineSeconds must be between 1 and 2592000.")]
    public int DefaultDeadlineSeconds { get; set; } = 24 * 3600;

    /// <summary>How often the saga role looks for running jobs past their deadline.</summary>
    [Range(1, 3600, ErrorMessage = "Jobs:DeadlineSweepSeconds must be between 1 and 3600.")]
    public int DeadlineSweepSeconds { get; set; } = 5;
}
