using MassTransit;
using PosterGen.Messaging;

namespace PosterGen.Consumers.Notifications;

/// <summary>Recording a notification retries long enough to outlast a database restart: an ended job must still be told.</summary>
public class JobNotificationsConsumerDefinition : ConsumerDefinition<JobNotificationsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobNotificationsConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseRetryOutlastingRestarts();
}
