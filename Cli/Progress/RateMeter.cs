namespace PosterGen.Cli.Progress;

/// <summary>Posters per second since the first report, and the time the rest will take at that rate.</summary>
public class RateMeter(TimeProvider clock)
{
    private long? startedAt;
    private int startedWith;

    public double PerSecond { get; private set; }

    public TimeSpan? Remaining { get; private set; }

    public void Observe(JobProgress progress)
    {
        var now = clock.GetTimestamp();
        if (startedAt is null)
        {
            (startedAt, startedWith) = (now, progress.Processed);
            return;
        }
        var seconds = clock.GetElapsedTime(startedAt.Value, now).TotalSeconds;
        var done = progress.Processed - startedWith;
        if (seconds <= 0 || done <= 0) return;
        PerSecond = done / seconds;
        Remaining = TimeSpan.FromSeconds(Math.Ceiling((progress.Total - progress.Processed) / PerSecond));
    }
}
