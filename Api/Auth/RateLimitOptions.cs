using System.ComponentModel.DataAnnotations;

namespace PosterGen.Api.Auth;

/// <summary>Section <c>RateLimits</c>.</summary>
public class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per minute each API key may make to <c>/api</c>; unset, no limit. An open service shares one budget.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:RequestsPerMinute must be between 1 and 1000000.")]
    public int? RequestsPerMinute { get; set; }
}
