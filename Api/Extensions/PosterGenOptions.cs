using System.ComponentModel.DataAnnotations;

namespace PosterGen.Api.Extensions;

/// <summary>Section <c>PosterGen</c>.</summary>
public class PosterGenOptions
{
    public const string SectionName = "PosterGen";

    /// <summary>
    /// Comma-separated roles this process plays: <c>api</c> (HTTP and SSE), <c>saga</c> (job
    /// bookkeeping and dispatch), <c>render</c> (takes render work). All three by default.
    /// </summary>
    [Required, RegularExpression(@"^\s*(api|saga|render)\s*(,\s*(api|saga|render)\s*)*$",
        ErrorMessage = "PosterGen:Roles must list one or more of api, saga, render.")]
    public string Roles { get; set; } = "api,saga,render";

    /// <summary>Largest batch accepted, in items.</summary>
    [Range(1, 1_000_000, ErrorMessage = "PosterGen:MaxBatchItems must be between 1 and 1000000.")]
    public int MaxBatchItems { get; set; } = 100_000;

    public bool Has(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role);
}
