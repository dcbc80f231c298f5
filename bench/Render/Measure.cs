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

    /// <summary>
    /// Latency percentiles of two sides, one poster at a time, taking turns (A B, then B A), so
    /// that whatever else the machine does meanwhile falls on both.
    /// </summary>
    public static async Task<((double P50, double P95) First, (double P50, double P95) Second)> LatencyAsync(
        int count, Func<int, Task> first, Func<int, Task> second)
    {
        var times = (First: new List<double>(), Second: new List<double>());
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                times.First.Add(await TimeAsync(first, i));
                times.Second.Add(await TimeAsync(second, i));
            }
            else
            {
                times.Second.Add(await TimeAsync(second, i));
                times.First.Add(await TimeAsync(first, i));
            }
        }
        return (Percentiles(times.First), Percentiles(times.Second));
    }

    private static async Task<double> TimeAsync(Func<int, Task> render, int i)
    {
        var stopwatch = Stopwatch.StartNew();
        await render(i);
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static (double P50, double P95) Percentiles(List<double> times)
    {
        times.Sort();
        return (times[(int)(0.50 * (times.Count - 1))], times[(int)(0.95 * (times.Count - 1))]);
    }

    /// <summary>
    /// Resident memory in MiB of this process, of Playwright's Node driver and of the Chromium
    /// processes it started (other Chromiums on the machine are not counted).
    /// </summary>
    public static (double Self, double Driver, double Chromium) ResidentMiB()
    {
        double driver = 0, chromium = 0;
        foreach (var pid in Descendants(Environment.ProcessId))
        {
            var name = Name(pid);
            var bytes = ResidentBytes(pid);
            if (name == "node") driver += bytes;
            else if (name.StartsWith("chrom", StringComparison.Ordinal)) chromium += bytes;
        }
        return (ResidentBytes(Environment.ProcessId) / 1048576.0, driver / 1048576.0, chromium / 1048576.0);
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        bool Under(int pid)
        {
            for (var hops = 0; hops < 32 && parents.TryGetValue(pid, out var parent); hops++, pid = parent)
                if (parent == root) return true;
            return false;
        }
        return parents.Keys.Where(Under);
    }

    private static string? Stat(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
    }

    /// <summary>
    /// The executable's file name: Node renames its main thread, so not the stat name, and Chromium's
    /// zygote children rewrite their command line into one space-separated string.
    /// </summary>
    private static string Name(int pid)
    {
        try { return Path.GetFileName(File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', ' ')[0]); }
        catch (IOException) { return ""; }
    }

    /// <summary>VmRSS, in bytes.</summary>
    private static double ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
