using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Consumers.Kafka;

public static class KafkaExtensions
{
    /// <summary>
    /// The Kafka render queue: every process produces to it; a process that renders
    /// (<paramref name="renders"/>) also joins the consumer group. One producer serves both the render
    /// topic and the dead-letter topic.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaRenderQueue(this IHostApplicationBuilder builder, bool renders)
    {
        builder.Services.AddOptions<KafkaOptions>()
            .BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => !o.RenderTopics.Contains(o.DeadLetterTopic), "Kafka:DeadLetterTopic must differ from the render topics (Kafka:Topic and its .urgent and .bulk lanes).")
            .Validate(o => o.ReplicationFactor != 0, "Kafka:ReplicationFactor must be -1 (broker default) or between 1 and 32.")
            .Validate(o => o.HeartbeatIntervalMs < o.SessionTimeoutMs, "Kafka:HeartbeatIntervalMs must be below Kafka:SessionTimeoutMs.")
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILogger<KafkaRenderQueue>>();
            var settings = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            return new ProducerBuilder<byte[]?, byte[]?>(KafkaClients.ProducerConfig(settings))
                .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
                .SetErrorHandler((_, error) => KafkaClients.Error(logger, error))
                .Build();
        });
        builder.Services.AddSingleton<KafkaRenderQueue>();
        builder.Services.AddSingleton<IRenderQueue, KafkaJobDispatcher>();

        // Hosted services start in registration order: topics exist before anything consumes.
        builder.Services.AddHostedService<KafkaTopicProvisioner>();
        if (renders)
        {
            builder.Services.AddSingleton<KafkaDeadLetterProducer>();
            builder.Services.AddSingleton<RenderMessageProcessor>();
            builder.Services.AddSingleton<RenderWorkers>();
            // The urgent lane has a consumer of its own, so its messages are fetched even while the
            // other lanes' consumer holds a prefetched backlog.
            builder.Services.AddSingleton<IHostedService>(services =>
                RenderConsumer(services, lanes => [lanes.UrgentTopic], lanes => lanes.UrgentGroupId, urgent: true));
            builder.Services.AddSingleton<IHostedService>(services =>
                RenderConsumer(services, lanes => [.. lanes.RenderTopics.Skip(1)], lanes => lanes.GroupId, urgent: false));
        }
        return builder;
    }

    private static KafkaRenderConsumer RenderConsumer(IServiceProvider services,
        Func<KafkaOptions, IReadOnlyList<string>> topics, Func<KafkaOptions, string> groupId, bool urgent)
    {
        var options = services.GetRequiredService<IOptions<KafkaOptions>>();
        return new KafkaRenderConsumer(services.GetRequiredService<RenderMessageProcessor>(), services.GetRequiredService<RenderWorkers>(),
            topics(options.Value), groupId(options.Value), urgent, options, services.GetRequiredService<ILogger<KafkaRenderConsumer>>());
    }
}
