namespace PosterGen.Persistence.Entities;

/// <summary>A line of a job's log, shown to clients as SSE <c>log</c> events and to support staff in psql.</summary>
public class JobLog
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public string Level { get; set; } = null!;
    public string Message { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
