using MassTransit;
using PosterGen.Messaging;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// Batches of up to <see cref="MessageLimit"/> outcomes, or whatever arrived within
/// <see cref="TimeLimit"/> of the first. The saga's cost is one row update per job per batch, so
/// with twenty busy jobs a 25 ms window would still mean 800 updates a second; 200 ms keeps it near
/// 100, and progress still looks live next to posters that take longer than that to render.
/// </summary>
public class PosterOutcomesConsumerDefinition : ConsumerDefinition<PosterOutcomesConsumer>
{
    private const int MessageLimit = 1000;
    private const int ConcurrencyLimit = 2;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(200);

    public PosterOutcomesConsumerDefinition()
    {
        // Every message of every batch in flight must be held unacknowledged at once.
        Endpoint(e => e.PrefetchCount = MessageLimit * ConcurrencyLimit);
        ConcurrentMessageLimit = MessageLimit * ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PosterOutcomesConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseRetryOutlastingRestarts();
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(MessageLimit)
            .SetTimeLimit(TimeLimit)
            .SetConcurrencyLimit(ConcurrencyLimit));
    }
}
