namespace PosterGen.Persistence.Entities;

/// <summary>One submitted item of a job, stored before the job starts so nothing depends on message size.</summary>
public class BatchItem
{
    public Guid JobId { get; set; }
    public int ItemIndex { get; set; }
    public string? EntityId { get; set; }

    /// <summary>The item's placeholder values as a JSON object.</summary>
    public string Data { get; set; } = null!;
}
