using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence.Entities;

/// <summary>A line of a job's log, shown to clients as SSE <c>log</c> events and to support staff in psql.</summary>
public class JobLog : IJobOwned
{
    /// <summary>The tenant it belongs to (see <see cref="ITenantOwned"/>).</summary>
    public string Tenant { get; set; } = null!;

    public long Id { get; set; }
    public Guid JobId { get; set; }
    public string Level { get; set; } = null!;
    public string Message { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
