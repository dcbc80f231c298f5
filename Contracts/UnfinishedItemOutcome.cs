namespace PosterGen.Contracts;

/// <summary>The result given to items a job ends without.</summary>
public enum UnfinishedItemOutcome
{
    /// <summary>The client cancelled the job.</summary>
    Cancelled,

    /// <summary>The job's deadline passed.</summary>
    Failed,
}
