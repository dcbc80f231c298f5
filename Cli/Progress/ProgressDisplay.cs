using Spectre.Console;

namespace PosterGen.Cli.Progress;

/// <summary>
/// Shows a job's progress while <c>follow</c> runs: a live bar with rate and ETA on a terminal,
/// plain lines (at most one a second) when the output goes to a file or a pipe.
/// </summary>
public static class ProgressDisplay
{
    public static Task<string> RunAsync(Guid jobId, Func<Action<JobProgress>, Task<string>> follow) =>
        AnsiConsole.Profile.Capabilities.Interactive ? LiveAsync(jobId, follow) : PlainAsync(jobId, follow);

    private static Task<string> LiveAsync(Guid jobId, Func<Action<JobProgress>, Task<string>> follow) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new PostersPerSecondColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"job {jobId:N}"[..12], maxValue: 1);
                var status = await follow(progress =>
                {
                    task.MaxValue = Math.Max(1, progress.Total);
                    task.Value = progress.Processed;
                    task.Description = $"{progress.Succeeded} rendered, {progress.Failed} failed";
                });
                task.StopTask();
                return status;
            });

    private static async Task<string> PlainAsync(Guid jobId, Func<Action<JobProgress>, Task<string>> follow)
    {
        var meter = new RateMeter(TimeProvider.System);
        var lastLine = DateTime.MinValue;
        JobProgress? last = null;
        var status = await follow(progress =>
        {
            meter.Observe(progress);
            last = progress;
            if (DateTime.UtcNow - lastLine < TimeSpan.FromSeconds(1) && progress.Processed < progress.Total) return;
            lastLine = DateTime.UtcNow;
            Console.WriteLine(Line(jobId, progress, meter));
        });
        if (last is not null) Console.WriteLine($"{Line(jobId, last, meter)} {status}");
        return status;
    }

    private static string Line(Guid jobId, JobProgress progress, RateMeter meter)
    {
        var percent = progress.Total == 0 ? 100 : 100.0 * progress.Processed / progress.Total;
        var eta = meter.Remaining is { } remaining ? $", ETA {remaining:hh\\:mm\\:ss}" : "";
        return $"job {jobId}: {progress.Processed}/{progress.Total} ({percent:0}%), {progress.Succeeded} rendered, {progress.Failed} failed, {meter.PerSecond:0.0}/s{eta}";
    }
}
