namespace PosterGen.Tests.Distributed;

/// <summary>
/// The real servers scripts/stack.sh started, read from the file the test script names in
/// <c>POSTERGEN_STACK_ENV</c>. The settings are not in the test process's own environment on
/// purpose: the in-process tests must keep running the embedded default.
/// </summary>
public static class StackSettings
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>?> Loaded = new(Load);

    public static IReadOnlyDictionary<string, string> Values => Loaded.Value
        ?? throw new InconclusiveException("The real servers are not running: run the tests with scripts/test.sh.");

    public static string Get(string key) => Values.TryGetValue(key, out var value)
        ? value
        : throw new InvalidOperationException($"scripts/stack.sh env did not print {key}.");

    /// <summary>Fails the fixture clearly when the stack is missing instead of timing out in each test.</summary>
    public static void Require() => _ = Values;

    private static IReadOnlyDictionary<string, string>? Load()
    {
        var path = Environment.GetEnvironmentVariable("POSTERGEN_STACK_ENV");
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return null;

        var values = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0 || line.StartsWith('#')) continue;
            values[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('\'');
        }
        return values;
    }
}
