using MassTransit;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// Batches of up to <see cref="MessageLimit"/> outcomes, or whatever arrived within
/// <see cref="TimeLimit"/> of the first: large enough that a busy job costs the saga one row
/// update per hundred posters, short enough that progress still looks live.
/// </summary>
public class PosterOutcomesConsumerDefinition : ConsumerDefinition<PosterOutcomesConsumer>
{
    private const int MessageLimit = 100;
    private const int ConcurrencyLimit = 2;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(25);

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
