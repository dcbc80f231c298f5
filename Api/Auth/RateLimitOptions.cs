using System.ComponentModel.DataAnnotations;

namespace PosterGen.Api.Auth;

/// <summary>Section <c>RateLimits</c>.</summary>
public class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per minute each API key may make to <c>/api</c>; unset, no limit. An open service shares one budget.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:RequestsPerMinute must be between 1 and 1000000.")]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Items each tenant may have queued or rendering; a submit past it is a 429. Unset, no limit.</summary>
    [Range(1, 100_000_000, ErrorMessage = "RateLimits:MaxPendingItems must be between 1 and 100000000.")]
    public int? MaxPendingItems { get; set; }
}
