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
        Event(() => PosterRendered, e =>
        {
            e.CorrelateById(m => m.Message.JobId);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => PosterFailed, e =>
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
            When(PosterRendered)
                .If(context => CountFirstOutcome(context.Saga, context.Message.ItemIndex),
                    counted => counted.Then(context => context.Saga.SucceededCount++).ThenAsync(CompleteWhenAllCountedAsync)),
            When(PosterFailed)
                .If(context => CountFirstOutcome(context.Saga, context.Message.ItemIndex),
                    counted => counted.Then(context => context.Saga.FailedCount++).ThenAsync(CompleteWhenAllCountedAsync)),
            When(CancelJob)
                .Then(context => context.Saga.CompletedAt = DateTime.UtcNow)
                .Publish(context => new JobCancelled(context.Saga.CorrelationId, context.Saga.TotalItems,
                    context.Saga.SucceededCount, context.Saga.FailedCount, DateTimeOffset.UtcNow))
                .TransitionTo(Cancelled));

        // Finished jobs stay as they are: late duplicates, a late BatchDispatched or a second
        // request change nothing.
        During(Dispatching, Rendering, Ignore(BatchRequested));
        During(Completed, CompletedWithFailures, Failed, Cancelled,
            Ignore(BatchRequested), Ignore(BatchDispatched), Ignore(PosterRendered), Ignore(PosterFailed), Ignore(CancelJob));
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
    public Event<PosterRendered> PosterRendered { get; private set; } = null!;
    public Event<PosterFailed> PosterFailed { get; private set; } = null!;
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

    /// <summary>Marks the item as counted; false for a duplicate or an index outside the job.</summary>
    private static bool CountFirstOutcome(BatchJobState job, int itemIndex)
    {
        if (!OutcomeBitset.TryMark(job.OutcomeBits, job.TotalItems, itemIndex, out var marked)) return false;
        job.OutcomeBits = marked;
        return true;
    }

    private async Task CompleteWhenAllCountedAsync<T>(BehaviorContext<BatchJobState, T> context) where T : class
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
