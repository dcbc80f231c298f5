using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PosterGen.Tests.Compose;

/// <summary>
/// docker-compose.yml read the way Compose reads it, as far as the tests need: services, merge keys
/// (<c>&lt;&lt;: *anchor</c>) and <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR:?message}</c> substitution.
/// </summary>
public partial class ComposeFile
{
    private readonly YamlMappingNode services;
    private readonly IReadOnlyDictionary<string, string> variables;

    private ComposeFile(YamlMappingNode services, IReadOnlyDictionary<string, string> variables) =>
        (this.services, this.variables) = (services, variables);

    /// <summary>The repository's compose file, with the variables an operator's .env would set.</summary>
    public static ComposeFile Load(IReadOnlyDictionary<string, string> variables)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(Repository.Root, "docker-compose.yml")))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return new ComposeFile((YamlMappingNode)root["services"], variables);
    }

    public IEnumerable<string> ServiceNames => services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public YamlMappingNode Service(string name) => (YamlMappingNode)services[name];

    public string? Scalar(string service, string key) =>
        Service(service).Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? Substitute(scalar.Value!) : null;

    public bool Has(string service, string key) => Service(service).Children.ContainsKey(key);

    /// <summary>The service's environment with merge keys applied and variables substituted.</summary>
    public Dictionary<string, string> Environment(string service)
    {
        var environment = new Dictionary<string, string>();
        if (Service(service).Children.TryGetValue("environment", out var node))
            Merge((YamlMappingNode)node, environment);
        return environment;
    }

    /// <summary>The health check's command as one string, or null without one.</summary>
    public string? HealthCheck(string service)
    {
        if (!Service(service).Children.TryGetValue("healthcheck", out var node)) return null;
        var test = ((YamlMappingNode)node)["test"];
        return test is YamlSequenceNode parts ? string.Join(' ', parts.Select(p => ((YamlScalarNode)p).Value)) : ((YamlScalarNode)test).Value;
    }

    private void Merge(YamlMappingNode mapping, Dictionary<string, string> into)
    {
        // Merged entries first, so the service's own keys override them, as in Compose.
        foreach (var (key, value) in mapping.Children.Where(c => ((YamlScalarNode)c.Key).Value == "<<"))
            Merge((YamlMappingNode)value, into);
        foreach (var (key, value) in mapping.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<"))
            into[((YamlScalarNode)key).Value!] = Substitute(((YamlScalarNode)value).Value ?? "");
    }

    private string Substitute(string text) => Variable().Replace(text, match =>
    {
        var name = match.Groups["name"].Value;
        if (variables.TryGetValue(name, out var value)) return value;
        return match.Groups["op"].Value switch
        {
            ":-" => match.Groups["arg"].Value,
            ":?" => throw new InvalidOperationException($"docker compose would refuse to start: {name} is not set ({match.Groups["arg"].Value})."),
            _ => "",
        };
    });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
