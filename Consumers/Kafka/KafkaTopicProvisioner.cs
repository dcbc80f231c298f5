using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// Creates the render topics (one per priority lane) and the dead-letter topic when <c>Kafka:ProvisionTopics</c> is on and they are
/// missing. Registered before the consumer and the bus, so it runs before anything produces or
/// subscribes. Existing topics are left as they are, partition count included.
/// </summary>
internal sealed class KafkaTopicProvisioner(IOptions<KafkaOptions> options, ILogger<KafkaTopicProvisioner> logger) : IHostedService
{
    // librdkafka keeps reconnecting within this window, which covers a broker that is still starting.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.ProvisionTopics)
            return;

        using var admin = new AdminClientBuilder(KafkaClients.AdminConfig(settings))
            .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
            .Build();
        var topics = settings.RenderTopics.Append(settings.DeadLetterTopic!)
            .Select(name => new TopicSpecification { Name = name, NumPartitions = settings.Partitions, ReplicationFactor = settings.ReplicationFactor })
            .ToList();
        try
        {
            await admin.CreateTopicsAsync(topics, new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout });
            logger.LogInformation("Created topics {Topics} with {Partitions} partitions", topics.Select(t => t.Name), settings.Partitions);
        }
        catch (CreateTopicsException exception) when (exception.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            logger.LogInformation("Topics {Existing} exist already; created {Created}",
                exception.Results.Where(r => r.Error.Code == ErrorCode.TopicAlreadyExists).Select(r => r.Topic),
                exception.Results.Where(r => r.Error.Code == ErrorCode.NoError).Select(r => r.Topic));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
