using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using Confluent.Kafka;
using MassTransit;
using Npgsql;
using PosterGen.Consumers.Kafka;
using PosterGen.Tests.Api;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// PosterGen in its production shape on the real servers: one <c>api</c>, one <c>saga</c> and two
/// <c>render</c> processes, with a database, RabbitMQ virtual host and Kafka topic of their own.
/// </summary>
public sealed class DistributedCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> settings;
    private readonly List<ServiceProcess> renderers = [];

    private DistributedCluster(string name)
    {
        Name = name;
        DatabaseConnectionString = new NpgsqlConnectionStringBuilder(StackSettings.Get("ConnectionStrings__Database")) { Database = name }.ToString();
        settings = new Dictionary<string, string>(StackSettings.Values.Where(p => p.Key.Contains("__")))
        {
            ["ConnectionStrings__Database"] = DatabaseConnectionString,
            ["ConnectionStrings__RabbitMq"] = RabbitMqUri,
            ["Kafka__Topic"] = RenderTopic,
            ["Kafka__GroupId"] = $"postergen-render-{name}",
            ["Database__MigrateOnStart"] = "false",
            ["Render__Concurrency"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public string Name { get; }
    public string DatabaseConnectionString { get; }
    public string RabbitMqUri => new UriBuilder(StackSettings.Get("ConnectionStrings__RabbitMq")) { Path = Name }.Uri.ToString();
    public string RenderTopic => $"poster.render.{Name}";
    public string DeadLetterTopic => $"{RenderTopic}.dead-letter";
    public string KafkaBootstrap => StackSettings.Get("Kafka__BootstrapServers");
    public ServiceProcess Api { get; private set; } = null!;
    public ServiceProcess Saga { get; private set; } = null!;
    public IReadOnlyList<ServiceProcess> Renderers => renderers;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// Starts the cluster on a database of its own. With <paramref name="migrateTogether"/> there is no
    /// migration step first: every process migrates at start, all at once, as docker-compose starts them.
    /// <paramref name="environment"/> is added to every service process's environment (e.g. the OTLP exporter's).
    /// </summary>
    public static async Task<DistributedCluster> StartAsync(bool migrateTogether = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        StackSettings.Require();
        var cluster = new DistributedCluster($"t_{Guid.NewGuid():N}"[..14]);
        await cluster.CreateDatabaseAsync();
        await Stack.RunAsync("vhost", cluster.Name);
        if (migrateTogether)
            cluster.settings["Database__MigrateOnStart"] = "true";
        else
            await ServiceProcess.RunAsync("migrate", cluster.settings, TimeSpan.FromMinutes(2));
        cluster.CreateRenderTopics();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            cluster.settings[key] = value;

        var api = ServiceProcess.StartAsync("api", cluster.With("api"));
        var saga = ServiceProcess.StartAsync("saga", cluster.With("saga"));
        var render = Task.WhenAll(ServiceProcess.StartAsync("render-1", cluster.With("render")), ServiceProcess.StartAsync("render-2", cluster.With("render")));
        (cluster.Api, cluster.Saga) = (await api, await saga);
        cluster.renderers.AddRange(await render);
        cluster.Client = new HttpClient { BaseAddress = cluster.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return cluster;
    }

    public Dictionary<string, string> With(string roles) => new(settings) { ["PosterGen__Roles"] = roles };

    public async Task<ServiceProcess> StartRendererAsync()
    {
        var renderer = await ServiceProcess.StartAsync($"render-{renderers.Count + 1}", With("render"));
        renderers.Add(renderer);
        return renderer;
    }

    /// <summary>Stops every render process (SIGTERM), leaving api and saga running.</summary>
    public async Task StopRenderersAsync()
    {
        await Task.WhenAll(renderers.Select(r => r.DisposeAsync().AsTask()));
        renderers.Clear();
    }

    public async Task RestartApiAsync(bool kill)
    {
        if (kill) Api.KillHard();
        await Api.DisposeAsync();
        Api = await ServiceProcess.StartAsync("api", With("api"));
        Client.Dispose();
        Client = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task RestartSagaAsync()
    {
        await Saga.DisposeAsync();
        Saga = await ServiceProcess.StartAsync("saga", With("saga"));
    }

    /// <summary>Uploads a small template, so a thousand posters take seconds rather than minutes.</summary>
    public async Task<string> UploadTemplateAsync(string section) =>
        await Client.UploadTemplateAsync(section, "<div style=\"font:20px DejaVu Sans;background:#2a9d8f;color:#fff\">{{n}}</div>", 160, 90);

    /// <summary>
    /// The mock cluster creates a topic when a client first asks for it, as Kafka:ProvisionTopics
    /// does on Redpanda: every lane exists before the renderers subscribe.
    /// </summary>
    private void CreateRenderTopics()
    {
        using var producer = new ProducerBuilder<Null, Null>(new ProducerConfig { BootstrapServers = KafkaBootstrap }).Build();
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        foreach (var topic in new KafkaOptions { Topic = RenderTopic }.RenderTopics)
            admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Submits posters no earlier job had, so every one is really rendered rather than found in the
    /// render cache; with <paramref name="traceParent"/> as the request's W3C <c>traceparent</c>.
    /// </summary>
    public async Task<Guid> SubmitAsync(string template, int items, int priority = 5, string? traceParent = null)
    {
        var batch = Guid.NewGuid().ToString("N")[..8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate-batch")
        {
            Content = JsonContent.Create(new
            {
                template_id = template,
                options = new { priority },
                items = Enumerable.Range(0, items).Select(i => new { entity_id = $"e{i}", n = $"{batch} #{i}" }),
            }, options: ApiClient.Json),
        };
        if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
    }

    /// <summary>Polls the job's status until it is final; its final JSON.</summary>
    public async Task<JsonElement> WaitForJobAsync(Guid jobId, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var status = default(JsonElement);
        while (DateTime.UtcNow < deadline)
        {
            // While a server restarts the API answers 503; a client polls on.
            using var response = await Client.GetAsync($"/api/jobs/{jobId}?page_size=1");
            if (response.IsSuccessStatusCode)
            {
                status = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (status.GetProperty("status").GetString() is "completed" or "completed_with_failures" or "failed" or "cancelled")
                    return status;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"Job {jobId} did not finish within {within}: {status}\n{Logs()}");
        return status;
    }

    /// <summary>Publishes on the cluster's RabbitMQ as another service would, in order, from a bus of its own.</summary>
    public async Task PublishAsync(IEnumerable<object> messages)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(b => b.Host(new Uri(RabbitMqUri)));
        await bus.StartAsync();
        try
        {
            foreach (var message in messages)
                await bus.Publish(message);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Restarts PostgreSQL; the test's own pooled connections died with it.</summary>
    public static async Task RestartPostgresAsync()
    {
        await Stack.RunAsync("restart-postgres");
        NpgsqlConnection.ClearAllPools();
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>How many distinct objects the job's result rows point at really are in the bucket.</summary>
    public async Task<int> CountStoredPostersAsync(Guid jobId)
    {
        var keys = new List<string>();
        await using (var connection = new NpgsqlConnection(DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT DISTINCT storage_key FROM poster_results WHERE job_id = $1 AND storage_key IS NOT NULL", connection)
            {
                Parameters = { new NpgsqlParameter { Value = jobId } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                keys.Add(reader.GetString(0));
        }

        using var s3 = new AmazonS3Client(StackSettings.Get("Storage__S3__AccessKey"), StackSettings.Get("Storage__S3__SecretKey"),
            new AmazonS3Config { ServiceURL = StackSettings.Get("Storage__S3__ServiceUrl"), ForcePathStyle = true });
        var bucket = StackSettings.Get("Storage__S3__Bucket");
        var stored = 0;
        foreach (var key in keys)
        {
            try
            {
                await s3.GetObjectMetadataAsync(bucket, key);
                stored++;
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
        }
        return stored;
    }

    public string Logs() => string.Join("\n", new[] { Api, Saga }.Concat(renderers).Where(p => p is not null)
        .Select(p => $"--- {p.Name} ---\n{Tail(p.Log)}"));

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    private async Task CreateDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(DatabaseConnectionString) { Database = "postgres" }.ToString();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        var all = new[] { Api, Saga }.Concat(renderers).Where(p => p is not null);
        await Task.WhenAll(all.Select(p => p.DisposeAsync().AsTask()));
    }
}
