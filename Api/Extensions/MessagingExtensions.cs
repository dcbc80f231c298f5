using MassTransit;
using PosterGen.Api.Streaming;
using PosterGen.Consumers.Dispatch;
using PosterGen.Consumers.Jobs;
using PosterGen.Consumers.Logs;
using PosterGen.Consumers.Notifications;
using PosterGen.Consumers.Retention;
using PosterGen.Persistence.Outbox;
using PosterGen.Persistence.SagaRepository;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Extensions;

public static class MessagingExtensions
{
    /// <summary>
    /// The bus: in memory for the embedded default, RabbitMQ when <c>Bus:Transport</c> says so.
    /// The saga role hosts the job saga, the dispatcher, the settling of jobs that end early and the
    /// deadline and retention sweeps, and records the notifications of ended jobs; the api role bridges job events to SSE.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, PosterGenOptions roles)
    {
        builder.Services.AddOptions<BusOptions>()
            .BindConfiguration(BusOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Transport != "rabbitmq" || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("RabbitMq")),
                "ConnectionStrings:RabbitMq is required when Bus:Transport is 'rabbitmq'.")
            .ValidateOnStart();
        var transport = builder.Configuration[$"{BusOptions.SectionName}:Transport"] ?? "inmemory";
        if (transport == "inmemory")
        {
            // Whatever the in-memory bus held dies with the process: send the last minutes again on
            // start, and let consumers drop what they had already handled.
            builder.Services.PostConfigure<OutboxOptions>(o => o.RedeliverOnStartMinutes = o.RedeliverOnStartMinutes == 0 ? 5 : o.RedeliverOnStartMinutes);
        }

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // A broker that is down makes the service degraded, not unready: submits still land in
            // the outbox and leave when the broker is back, so the service keeps taking them.
            x.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);

            if (roles.Has("saga"))
            {
                x.AddSagaStateMachine<BatchJobStateMachine, BatchJobState, BatchJobStateDefinition>()
                    .EntityFrameworkRepository();
                x.AddConsumer<PosterOutcomesConsumer, PosterOutcomesConsumerDefinition>();
                x.AddConsumer<DispatchBatchConsumer, DispatchBatchConsumerDefinition>();
                x.AddConsumer<SettleUnfinishedItemsConsumer, SettleUnfinishedItemsConsumerDefinition>();
                builder.Services.AddHostedService<JobDeadlineSweeper>();
                builder.Services.AddHostedService<JobRetentionSweeper>();
                x.AddConsumer<JobCompletedLogConsumer>();
                x.AddConsumer<JobNotificationsConsumer, JobNotificationsConsumerDefinition>();
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
