using MassTransit;
using PosterGen.Messaging;

namespace PosterGen.Consumers.Jobs;

/// <summary>Settling retries long enough to outlast a database restart: a job must always end.</summary>
public class SettleUnfinishedItemsConsumerDefinition : ConsumerDefinition<SettleUnfinishedItemsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SettleUnfinishedItemsConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseRetryOutlastingRestarts();
}
