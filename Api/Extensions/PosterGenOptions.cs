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

    /// <summary>
    /// Largest body of a JSON or CSV batch, in bytes: 100,000 items of about 350 bytes are 35 MB, past
    /// Kestrel's default 30 MB. Other routes keep that default.
    /// </summary>
    [Range(1024, 2_147_483_647, ErrorMessage = "PosterGen:MaxBatchBodyBytes must be between 1024 and 2147483647.")]
    public long MaxBatchBodyBytes { get; set; } = 64 * 1024 * 1024;

    public bool Has(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role);
}
