using MassTransit;
using PosterGen.Contracts;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// How the saga's endpoint runs: one job's messages one at a time (partitioned by job id, so a
/// row lock is rarely contended), retries for lock and concurrency conflicts, and an in-memory
/// outbox so events leave only after the saga row has been saved.
/// </summary>
public class BatchJobStateDefinition : SagaDefinition<BatchJobState>
{
    private const int PartitionCount = 64;

    public BatchJobStateDefinition()
    {
        ConcurrentMessageLimit = PartitionCount;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<BatchJobState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 100, 250, 500, 1000, 2000, 5000));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partition = endpointConfigurator.CreatePartitioner(PartitionCount);
        sagaConfigurator.Message<BatchRequested>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<BatchDispatched>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<PosterRendered>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<PosterFailed>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<CancelJob>(x => x.UsePartitioner(partition, m => m.Message.JobId));
    }
}
