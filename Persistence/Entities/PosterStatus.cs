namespace PosterGen.Persistence.Entities;

/// <summary>Stored as lower-case text (<c>rendered</c>, <c>failed</c>).</summary>
public enum PosterStatus
{
    Rendered,
    Failed,
}
