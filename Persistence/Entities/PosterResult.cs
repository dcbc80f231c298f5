using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>The outcome of one item: at most one row per (job, item), rendered or failed with a reason.</summary>
public class PosterResult : IJobOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public long Id { get; set; }
    public Guid JobId { get; set; }
    public int ItemIndex { get; set; }
    public string? EntityId { get; set; }
    public PosterStatus Status { get; set; }
    public string? Url { get; set; }
    public string? StorageKey { get; set; }
    public long GenerationTimeMs { get; set; }
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public bool CacheHit { get; set; }

    /// <summary>
    /// What was rendered but not as designed (<c>text_overflow: #headline</c>), one per line, so
    /// that it reads as it is in psql; null when there is none.
    /// </summary>
    public string? Warnings { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string? JoinWarnings(IReadOnlyList<string> warnings) => warnings.Count > 0 ? string.Join('\n', warnings) : null;

    public IReadOnlyList<string> WarningList() => Warnings?.Split('\n') ?? [];
}
