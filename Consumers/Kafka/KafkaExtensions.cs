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
            .Validate(o => o.DeadLetterTopic != o.Topic, "Kafka:DeadLetterTopic must differ from Kafka:Topic.")
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
        builder.Services.AddSingleton<IRenderQueue>(services => services.GetRequiredService<KafkaRenderQueue>());

        // Hosted services start in registration order: topics exist before anything consumes.
        builder.Services.AddHostedService<KafkaTopicProvisioner>();
        if (renders)
        {
            builder.Services.AddSingleton<KafkaDeadLetterProducer>();
            builder.Services.AddSingleton<RenderMessageProcessor>();
            builder.Services.AddHostedService<KafkaRenderConsumer>();
        }
        return builder;
    }
}
