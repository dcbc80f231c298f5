using System.ComponentModel;
using PosterGen.Cli.Api;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary>Where the service is and how to sign in: options first, then the environment, then the local default.</summary>
public class ServiceSettings : CommandSettings
{
    public const string DefaultApi = "http://127.0.0.1:8080";

    [CommandOption("--api <URL>")]
    [Description("Base URL of the service (or POSTERGEN_API; default " + DefaultApi + ").")]
    public string? Api { get; set; }

    [CommandOption("--key <KEY>")]
    [Description("API key, sent as 'Authorization: Bearer' (or POSTERGEN_KEY).")]
    public string? Key { get; set; }

    public PosterGenClient Connect()
    {
        var api = Api ?? Environment.GetEnvironmentVariable("POSTERGEN_API") ?? DefaultApi;
        if (!Uri.TryCreate(api, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            throw new CliFailure($"--api must be an http(s) URL, not '{api}'");
        var key = Key ?? Environment.GetEnvironmentVariable("POSTERGEN_KEY");
        return new PosterGenClient(baseAddress, string.IsNullOrWhiteSpace(key) ? null : key);
    }
}
