using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PosterGen.Tests.Auth;

/// <summary>Runs <c>dotnet PosterGen.Api.dll keys ...</c>, as an operator does, against a test service's database.</summary>
public static partial class KeysCommand
{
    public static Task<(int ExitCode, string Output)> RunAsync(string databaseFile, params string[] arguments) =>
        RunAsync(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = $"Data Source={databaseFile}" }, arguments);

    /// <summary>The command against the database <paramref name="settings"/> name (configuration keys, as a test service takes them).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PosterGen.Api.dll"), "keys", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Creates a key and returns it, read from what the command printed.</summary>
    public static Task<string> CreateAsync(string databaseFile, string name) =>
        CreateAsync(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = $"Data Source={databaseFile}" }, name);

    public static async Task<string> CreateAsync(IReadOnlyDictionary<string, string?> settings, string name, params string[] options)
    {
        var (exitCode, output) = await RunAsync(settings, ["create", "--name", name, .. options]);
        Assert.That(exitCode, Is.EqualTo(0), output);
        var keys = Key().Matches(output).Select(m => m.Value).Distinct().ToList();
        Assert.That(keys, Has.Count.EqualTo(1), output);
        return keys[0];
    }

    [GeneratedRegex(@"\bpg_[A-Za-z0-9_-]{43}\b")]
    public static partial Regex Key();
}
