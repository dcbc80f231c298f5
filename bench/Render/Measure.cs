using System.Diagnostics;

namespace PosterGen.Bench.Render;

/// <summary>Throughput with K callers sharing the posters, and latency percentiles one at a time.</summary>
public static class Measure
{
    public record Throughput(double PostersPerSecond, double AverageKiB);

    public static async Task<Throughput> ThroughputAsync(int count, int callers, Func<int, int, Task<byte[]>> render)
    {
        long bytes = 0;
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                Interlocked.Add(ref bytes, (await render(caller, i)).Length);
        }));
        return new Throughput(count / stopwatch.Elapsed.TotalSeconds, bytes / 1024.0 / count);
    }

    public static async Task<(double P50, double P95)> LatencyAsync(int count, Func<int, Task> render)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await render(i);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[(int)(0.50 * (count - 1))], times[(int)(0.95 * (count - 1))]);
    }

    /// <summary>Resident memory of this process and every Chromium process, in MiB.</summary>
    public static (double Self, double Chromium) ResidentMiB()
    {
        double chromium = 0;
        foreach (var process in Process.GetProcessesByName("chromium"))
        {
            try { chromium += process.WorkingSet64; }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        return (Process.GetCurrentProcess().WorkingSet64 / 1048576.0, chromium / 1048576.0);
    }
}
