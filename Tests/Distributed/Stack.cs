using System.Diagnostics;

namespace PosterGen.Tests.Distributed;

/// <summary>Runs scripts/stack.sh commands, e.g. to add a virtual host or restart PostgreSQL mid-test.</summary>
public static class Stack
{
    private static readonly string Root = FindRoot();

    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "scripts", "stack.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"stack.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PosterGen.sln")))
                return folder.FullName;
        throw new InvalidOperationException("The repository root (PosterGen.sln) was not found above " + AppContext.BaseDirectory);
    }
}
