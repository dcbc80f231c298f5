using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosterGen.Consumers;
using PosterGen.Consumers.Kafka;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Persistence;

namespace PosterGen.Tests.Kafka;

/// <summary><c>RenderQueue:Transport=kafka</c> through AddRenderPipeline, without a broker.</summary>
public class KafkaRegistrationTests
{
    [Test]
    public void Kafka_transport_registers_the_kafka_queue_and_topic_provisioning_before_the_consumer()
    {
        using var host = Build(renders: true, new() { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });

        Assert.That(host.Services.GetRequiredService<IRenderQueue>(), Is.InstanceOf<KafkaJobDispatcher>());
        var hosted = host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.That(hosted, Is.EqualTo(new[] { typeof(KafkaTopicProvisioner), typeof(KafkaRenderConsumer), typeof(KafkaRenderConsumer) }),
            "topics are provisioned before the urgent lane's member and the other lanes' member start");
    }

    [Test]
    public void Process_that_does_not_render_only_produces()
    {
        using var host = Build(renders: false, new() { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });

        Assert.That(host.Services.GetServices<IHostedService>().Select(s => s.GetType()), Is.EqualTo(new[] { typeof(KafkaTopicProvisioner) }));
    }

    [Test]
    public void Missing_bootstrap_servers_fails_start_naming_the_key()
    {
        using var host = Build(renders: false, new() { ["Kafka:Topic"] = "poster.render" });

        var error = Assert.CatchAsync(() => host.StartAsync());
        Assert.That(error!.Message, Does.Contain("Kafka:BootstrapServers is required when RenderQueue:Transport is 'kafka'."));
    }

    [Test]
    public void Dead_letter_topic_defaults_to_the_topic_with_a_suffix()
    {
        using var host = Build(renders: false, new() { ["Kafka:BootstrapServers"] = "127.0.0.1:1", ["Kafka:Topic"] = "renders" });

        var options = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        Assert.That(options.DeadLetterTopic, Is.EqualTo("renders.dead-letter"));
    }

    private static IHost Build(bool renders, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RenderQueue:Transport"] = "kafka" });
        builder.AddRenderPipeline(renders);
        // The dispatcher reads items from the database; registration needs no real one.
        builder.Services.AddSingleton<IDbContextFactory<PosterGenDbContext>, NoDatabase>();
        return builder.Build();
    }

    private sealed class NoDatabase : IDbContextFactory<PosterGenDbContext>
    {
        public PosterGenDbContext CreateDbContext() => throw new InvalidOperationException("No database in a registration test.");
    }
}
