using MassTransit;
using PosterGen.Api.Streaming;
using PosterGen.Consumers.Dispatch;
using PosterGen.Consumers.Logs;
using PosterGen.Persistence.SagaRepository;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Extensions;

public static class MessagingExtensions
{
    /// <summary>
    /// The bus: in memory for the embedded default, RabbitMQ when <c>Bus:Transport</c> says so.
    /// The saga role hosts the job saga and the dispatcher; the api role bridges job events to SSE.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, PosterGenOptions roles)
    {
        builder.Services.AddOptions<BusOptions>()
            .BindConfiguration(BusOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Transport != "rabbitmq" || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("RabbitMq")),
                "ConnectionStrings:RabbitMq is required when Bus:Transport is 'rabbitmq'.")
            .ValidateOnStart();
        var transport = builder.Configuration[$"{BusOptions.SectionName}:Transport"] ?? "inmemory";

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();

            if (roles.Has("saga"))
            {
                x.AddSagaStateMachine<BatchJobStateMachine, BatchJobState, BatchJobStateDefinition>()
                    .EntityFrameworkRepository();
                x.AddConsumer<PosterOutcomesConsumer, PosterOutcomesConsumerDefinition>();
                x.AddConsumer<DispatchBatchConsumer, DispatchBatchConsumerDefinition>();
                x.AddConsumer<JobCompletedLogConsumer>();
            }

            if (roles.Has("api"))
            {
                // Every API instance needs every job event for its own SSE clients: a queue of its
                // own that disappears with it, rather than one shared queue that splits the events.
                x.AddConsumer<JobEventsConsumer>().Endpoint(e =>
                {
                    e.Temporary = true;
                    e.InstanceId = Guid.NewGuid().ToString("N")[..8];
                });
            }

            if (transport == "rabbitmq")
                x.UsingRabbitMq((context, bus) =>
                {
                    bus.Host(new Uri(builder.Configuration.GetConnectionString("RabbitMq")!));
                    bus.ConfigureEndpoints(context);
                });
            else
                x.UsingInMemory((context, bus) => bus.ConfigureEndpoints(context));
        });
        return builder;
    }
}
