using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosterGen.Api.Extensions;

namespace PosterGen.Tests.Compose;

/// <summary>
/// <c>docker compose up</c> on a fresh host, checked without Docker: pinned images, health checks,
/// and each PosterGen service's environment put through the options validation the service runs
/// when it starts, plus a check that no key is one nothing reads (a typo that would be ignored).
/// </summary>
public class ComposeFileTests
{
    private static readonly Dictionary<string, string> OperatorEnv = new()
    {
        ["POSTGRES_PASSWORD"] = "pg-secret",
        ["RABBITMQ_PASSWORD"] = "rabbit-secret",
        ["MINIO_PASSWORD"] = "minio-secret",
    };

    private static readonly string[] PosterGenServices = ["api", "renderer"];

    private ComposeFile compose = null!;

    [OneTimeSetUp]
    public void Load() => compose = ComposeFile.Load(OperatorEnv);

    [Test]
    public void Every_image_is_pinned_to_a_version()
    {
        foreach (var service in compose.ServiceNames)
        {
            var image = compose.Scalar(service, "image");
            Assert.That(image, Is.Not.Null, $"{service} names no image");
            var tag = image![(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.That(tag, Is.Not.Null.And.Not.EqualTo("latest"), $"{service}: {image}");
        }
        Assert.That(File.ReadAllLines(Path.Combine(Repository.Root, "Dockerfile")).Where(l => l.StartsWith("FROM ")),
            Has.All.Matches(@"^FROM \S+:\d+\.\d+\.\d+"), "the Dockerfile's base images carry full versions");
    }

    [TestCaseSource(nameof(PosterGenServices))]
    public void A_PosterGen_service_is_healthy_only_when_ready(string service) =>
        Assert.That(compose.HealthCheck(service), Does.Contain("http://127.0.0.1:8080/health/ready"));

    [TestCaseSource(nameof(PosterGenServices))]
    public void A_PosterGen_service_environment_passes_the_validation_it_runs_at_start(string service) =>
        Assert.DoesNotThrow(() => ValidateAsAStartWould(compose.Environment(service)));

    [TestCaseSource(nameof(PosterGenServices))]
    public void A_PosterGen_service_environment_names_no_key_the_service_does_not_read(string service) =>
        Assert.That(UnknownKeys(compose.Environment(service)), Is.Empty);

    [Test]
    public void Poster_urls_name_an_address_outside_the_compose_network()
    {
        var environment = compose.Environment("api");
        Assert.That(environment["Storage__S3__ServiceUrl"], Is.EqualTo("http://minio:9000"));
        Assert.That(environment["Storage__S3__PublicBaseUrl"], Is.EqualTo("http://localhost:9000").And.Not.Contain("minio"));
        Assert.That(environment["Storage__S3__PresignUrls"], Is.EqualTo("true"));
    }

    [Test]
    public void The_checks_catch_a_missing_required_key_and_a_misspelt_one()
    {
        var missing = compose.Environment("renderer");
        missing.Remove("Storage__S3__Bucket");
        var misspelt = compose.Environment("renderer");
        misspelt["Storage__S3__PublicUrl"] = "http://localhost:9000";
        misspelt["Rendr__Concurrency"] = "4";

        Assert.That(() => ValidateAsAStartWould(missing), Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Storage:S3:Bucket"));
        Assert.That(UnknownKeys(misspelt), Is.EquivalentTo(new[] { "Storage__S3__PublicUrl", "Rendr__Concurrency" }));
    }

    /// <summary>Registers the service as Program does and runs the start-up validation (ValidateOnStart) without starting anything.</summary>
    private static void ValidateAsAStartWould(Dictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value)));
        builder.AddPosterGen();
        using var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>
    /// Keys under no options section, or under one whose class has no such property: bound with
    /// ErrorOnUnknownConfiguration, section by section (a nested section such as Render:Images
    /// binds on its own).
    /// </summary>
    private static List<string> UnknownKeys(Dictionary<string, string> environment)
    {
        var sections = OptionSections();
        string[] connectionStrings = [$"ConnectionStrings:{Persistence.DatabaseOptions.ConnectionStringName}", "ConnectionStrings:RabbitMq"];
        var unknown = new List<string>();
        var bySection = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var (name, value) in environment)
        {
            var key = name.Replace("__", ":");
            if (connectionStrings.Contains(key) || key.StartsWith("Logging:") || name.StartsWith("ASPNETCORE_") || name.StartsWith("OTEL_")) continue;
            var section = sections.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
            if (section is null)
            {
                unknown.Add(name);
                continue;
            }
            if (!bySection.TryGetValue(section, out var keys)) bySection[section] = keys = [];
            keys[key[(section.Length + 1)..]] = value;
        }
        foreach (var (section, keys) in bySection)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
            try
            {
                configuration.Get(sections[section], binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException exception)
            {
                unknown.AddRange(keys.Keys.Where(k => exception.Message.Contains($"'{k.Split(':').Last()}'"))
                    .Select(k => $"{section}:{k}".Replace(":", "__")));
            }
        }
        return unknown;
    }

    /// <summary>Every options class of the service, by the section its <c>SectionName</c> names.</summary>
    private static Dictionary<string, Type> OptionSections() =>
        new[] { typeof(PosterGenOptions).Assembly, typeof(Consumers.Storage.StorageOptions).Assembly, typeof(Persistence.DatabaseOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (type, field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.field is { IsLiteral: true })
            .ToDictionary(t => (string)t.field!.GetValue(null)!, t => t.type, StringComparer.OrdinalIgnoreCase);
}
