using MassTransit;
using PosterGen.Contracts;
using PosterGen.Messaging;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// How the saga's endpoint runs: one job's messages one at a time (partitioned by job id, so a
/// row lock is rarely contended) and retries that outlast lock conflicts and a database or broker
/// restart (about four minutes, then the error queue). What the saga publishes is written to the
/// transactional outbox by its repository, in the transaction of the saga row.
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
        endpointConfigurator.UseRetryOutlastingRestarts();

        var partition = endpointConfigurator.CreatePartitioner(PartitionCount);
        sagaConfigurator.Message<BatchRequested>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<BatchDispatched>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<OutcomesCollected>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<CancelJob>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<JobDeadlinePassed>(x => x.UsePartitioner(partition, m => m.Message.JobId));
        sagaConfigurator.Message<UnfinishedItemsSettled>(x => x.UsePartitioner(partition, m => m.Message.JobId));
    }
}
