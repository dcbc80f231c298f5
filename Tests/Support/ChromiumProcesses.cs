using System.Diagnostics;

namespace PosterGen.Tests.Support;

/// <summary>The Chromium browser processes this test process started.</summary>
public static class ChromiumProcesses
{
    /// <summary>Process ids of the browsers (not their renderer or GPU children) descending from this process.</summary>
    public static List<int> Browsers()
    {
        var self = Environment.ProcessId;
        return Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsBrowser(pid) && DescendsFrom(pid, self))
            .Order().ToList();
    }

    /// <summary>The executable names of every process descending from this one, e.g. <c>chromium</c>, <c>node</c>.</summary>
    public static List<string> DescendantExecutables()
    {
        var self = Environment.ProcessId;
        return Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != self && DescendsFrom(pid, self))
            // Chromium's zygote children rewrite their command line into one space-separated string.
            .Select(pid => CommandLine(pid) is [var first, ..] ? Path.GetFileName(first.Split(' ')[0]) : "")
            .Where(name => name.Length > 0).ToList();
    }

    /// <summary>The DevTools port a browser listens on, from the profile it was started with.</summary>
    public static int DevToolsPort(int browser) => int.Parse(DevToolsActivePort(browser)[0]);

    /// <summary>The path of the browser-wide DevTools endpoint, <c>/devtools/browser/&lt;id&gt;</c>.</summary>
    public static string DevToolsBrowserPath(int browser) => DevToolsActivePort(browser)[1];

    private static string[] DevToolsActivePort(int browser)
    {
        var profile = CommandLine(browser).First(argument => argument.StartsWith("--user-data-dir=", StringComparison.Ordinal))["--user-data-dir=".Length..];
        return File.ReadAllLines(Path.Combine(profile, "DevToolsActivePort"));
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && IsBrowser(pid);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsBrowser(int pid)
    {
        var arguments = CommandLine(pid);
        return arguments.Length > 0 && Path.GetFileName(arguments[0]) == "chromium"
            && !arguments.Any(argument => argument.StartsWith("--type=", StringComparison.Ordinal));
    }

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var hops = 0; pid > 1 && hops < 32; hops++)
        {
            if (pid == ancestor) return true;
            pid = ParentOf(pid);
        }
        return false;
    }

    public static int ParentOf(int pid)
    {
        try
        {
            // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
