namespace PosterGen.Persistence.Entities;

/// <summary>The levels a job's log lines carry, as clients and support staff read them.</summary>
public static class JobLogLevel
{
    public const string Info = "INFO";
    public const string Warning = "WARNING";
    public const string Error = "ERROR";
}
