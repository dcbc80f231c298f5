using System.Diagnostics;

namespace PosterGen.Tests.Cli;

/// <summary>The built CLI (<c>Cli/bin/{configuration}/net10.0/postergen.dll</c>) run as its own process, output redirected as in a script.</summary>
public static class CliProcess
{
    private static readonly string Dll = Find();

    public record Outcome(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("POSTERGEN_API");
        start.Environment.Remove("POSTERGEN_KEY");
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postergen {string.Join(' ', arguments)} did not exit:\n{await output}\n{await errors}");
        }
        return new Outcome(process.ExitCode, await output, await errors);
    }

    private static string Find()
    {
        // Tests/bin/<configuration>/net10.0: the CLI is built beside it by the project reference.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = output.Parent!.Name;
        for (var folder = output; folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "PosterGen.sln")))
                return Path.Combine(folder.FullName, "Cli", "bin", configuration, "net10.0", "postergen.dll");
        throw new InvalidOperationException("The repository root (PosterGen.sln) was not found above " + AppContext.BaseDirectory);
    }
}
