using MassTransit;
using PosterGen.Contracts;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// The life of one batch job: accepted, its items dispatched to the render queue, each item's first
/// outcome counted exactly once, and one <see cref="JobCompleted"/> when all are in.
/// </summary>
public class BatchJobStateMachine : MassTransitStateMachine<BatchJobState>
{
    public BatchJobStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => BatchRequested, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => BatchDispatched, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => CancelJob, e => e.CorrelateById(m => m.Message.JobId));
        // An outcome for a job whose row is not visible yet must not vanish: fault, so the
        // endpoint's retry and redelivery bring it back once the row is there.
        Event(() => OutcomesCollected, e =>
        {
            e.CorrelateById(m => m.Message.JobId);
            e.OnMissingInstance(m => m.Fault());
        });

        Initially(
            When(BatchRequested)
                .Then(Accept)
                .Publish(context => new DispatchBatch(context.Saga.CorrelationId, context.Message.TemplateKey,
                    context.Message.TemplateVersion, context.Message.ItemCount, context.Message.Options))
                .TransitionTo(Dispatching));

        During(Dispatching,
            When(BatchDispatched)
                .Then(context => context.Saga.DispatchedAt = context.Message.DispatchedAt.UtcDateTime)
                .TransitionTo(Rendering));

        During(Dispatching, Rendering,
            When(OutcomesCollected)
                .Then(CountFirstOutcomes)
                .ThenAsync(CompleteWhenAllCountedAsync),
            When(CancelJob)
                .Then(context => context.Saga.CompletedAt = DateTime.UtcNow)
                .Publish(context => new JobCancelled(context.Saga.CorrelationId, context.Saga.TotalItems,
                    context.Saga.SucceededCount, context.Saga.FailedCount, DateTimeOffset.UtcNow))
                .TransitionTo(Cancelled));

        // Finished jobs stay as they are: late duplicates, a late BatchDispatched or a second
        // request change nothing.
        During(Dispatching, Rendering, Ignore(BatchRequested));
        During(Completed, CompletedWithFailures, Failed, Cancelled,
            Ignore(BatchRequested), Ignore(BatchDispatched), Ignore(OutcomesCollected), Ignore(CancelJob));
        During(Rendering, Ignore(BatchDispatched));
    }

    public State Dispatching { get; private set; } = null!;
    public State Rendering { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State CompletedWithFailures { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<BatchRequested> BatchRequested { get; private set; } = null!;
    public Event<BatchDispatched> BatchDispatched { get; private set; } = null!;
    public Event<OutcomesCollected> OutcomesCollected { get; private set; } = null!;
    public Event<CancelJob> CancelJob { get; private set; } = null!;

    private static void Accept(BehaviorContext<BatchJobState, BatchRequested> context)
    {
        var job = context.Saga;
        var request = context.Message;
        job.TemplateKey = request.TemplateKey;
        job.TemplateVersion = request.TemplateVersion;
        job.TotalItems = request.ItemCount;
        job.Client = request.Client;
        job.Format = request.Options.Format;
        job.Priority = request.Options.Priority;
        job.CreatedAt = request.RequestedAt.UtcDateTime;
        job.OutcomeBits = OutcomeBitset.For(request.ItemCount);
    }

    /// <summary>Counts each item's first outcome; duplicates and indexes outside the job change nothing.</summary>
    private static void CountFirstOutcomes(BehaviorContext<BatchJobState, OutcomesCollected> context)
    {
        var job = context.Saga;
        job.OutcomeBits = OutcomeBitset.Mark(job.OutcomeBits, job.TotalItems, context.Message.RenderedItems, out var rendered);
        job.OutcomeBits = OutcomeBitset.Mark(job.OutcomeBits, job.TotalItems, context.Message.FailedItems, out var failed);
        job.SucceededCount += rendered;
        job.FailedCount += failed;
    }

    private async Task CompleteWhenAllCountedAsync(BehaviorContext<BatchJobState, OutcomesCollected> context)
    {
        var job = context.Saga;
        if (job.SucceededCount + job.FailedCount < job.TotalItems) return;

        job.CompletedAt = DateTime.UtcNow;
        var startedAt = new DateTimeOffset(job.CreatedAt, TimeSpan.Zero);
        var completedAt = new DateTimeOffset(job.CompletedAt.Value, TimeSpan.Zero);
        await context.Publish(new JobCompleted(job.CorrelationId, job.TotalItems, job.SucceededCount, job.FailedCount,
            startedAt, completedAt, completedAt - startedAt));
        await context.TransitionToState(job.FailedCount == 0 ? Completed : CompletedWithFailures);
    }
}
