namespace PosterGen.Persistence.Entities;

/// <summary>Stored as lower-case text (<c>rendered</c>, <c>failed</c>, <c>cancelled</c>).</summary>
public enum PosterStatus
{
    Rendered,
    Failed,

    /// <summary>Never rendered because its job was cancelled first.</summary>
    Cancelled,
}
