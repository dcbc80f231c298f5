using MassTransit;
using PosterGen.Messaging;

namespace PosterGen.Consumers.Dispatch;

/// <summary>Dispatch retries long enough to outlast a database or broker restart.</summary>
public class DispatchBatchConsumerDefinition : ConsumerDefinition<DispatchBatchConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DispatchBatchConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseRetryOutlastingRestarts();
}
