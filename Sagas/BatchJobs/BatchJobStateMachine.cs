using MassTransit;
using PosterGen.Contracts;

namespace PosterGen.Sagas.BatchJobs;

/// <summary>
/// The life of one batch job, top to bottom:
/// <list type="number">
/// <item>accepted (<see cref="BatchRequested"/>) and its items dispatched to the render queue;</item>
/// <item>each item's first outcome counted exactly once, then <see cref="JobCompleted"/>;</item>
/// <item>or cancelled: the items without a result are recorded as cancelled, then <see cref="JobCancelled"/>;</item>
/// <item>or past its deadline: the items without a result are recorded as failed, then <see cref="JobFailed"/>.</item>
/// </list>
/// Every event leaves through the transactional outbox with the saga row that caused it.
/// </summary>
public class BatchJobStateMachine : MassTransitStateMachine<BatchJobState>
{
    public BatchJobStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => BatchRequested, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => BatchDispatched, e => e.CorrelateById(m => m.Message.JobId));
        // Outcomes, a cancel or a deadline for a job whose row is not visible yet must not vanish:
        // fault, so the endpoint's retry and redelivery bring them back once the row is there.
        Event(() => OutcomesCollected, e =>
        {
            e.CorrelateById(m => m.Message.JobId);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => CancelJob, e =>
        {
            e.CorrelateById(m => m.Message.JobId);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => DeadlinePassed, e => e.CorrelateById(m => m.Message.JobId));
        Event(() => ItemsSettled, e => e.CorrelateById(m => m.Message.JobId));

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
                .Publish(context => new SettleUnfinishedItems(context.Saga.CorrelationId, UnfinishedItemOutcome.Cancelled,
                    context.Message.Reason ?? "Cancelled by the client."))
                .TransitionTo(Cancelling),
            When(DeadlinePassed)
                .Then(context => context.Saga.FailureReason = DeadlineReason(context.Saga))
                .Publish(context => new SettleUnfinishedItems(context.Saga.CorrelationId, UnfinishedItemOutcome.Failed,
                    context.Saga.FailureReason!))
                .TransitionTo(Failing));

        // Posters already rendering may still finish while the other items are settled.
        During(Cancelling, Failing,
            When(OutcomesCollected)
                .Then(CountFirstOutcomes));

        During(Cancelling,
            When(ItemsSettled)
                .Then(TakeSettledCounts)
                .Publish(context => new JobCancelled(context.Saga.CorrelationId, context.Saga.TotalItems,
                    context.Saga.SucceededCount, context.Saga.FailedCount, context.Saga.CancelledCount,
                    context.Message.SettledAt))
                .TransitionTo(Cancelled));

        During(Failing,
            When(ItemsSettled)
                .Then(TakeSettledCounts)
                .Publish(context => new JobFailed(context.Saga.CorrelationId, context.Saga.FailureReason!,
                    context.Saga.TotalItems, context.Saga.SucceededCount, context.Saga.FailedCount, context.Message.SettledAt))
                .TransitionTo(Failed));

        // Whatever arrives late or twice changes nothing.
        During(Dispatching, Rendering, Ignore(BatchRequested), Ignore(ItemsSettled));
        During(Rendering, Ignore(BatchDispatched));
        During(Cancelling, Failing,
            Ignore(BatchRequested), Ignore(BatchDispatched), Ignore(CancelJob), Ignore(DeadlinePassed));
        During(Completed, CompletedWithFailures, Failed, Cancelled,
            Ignore(BatchRequested), Ignore(BatchDispatched), Ignore(OutcomesCollected), Ignore(CancelJob),
            Ignore(DeadlinePassed), Ignore(ItemsSettled));
    }

    public State Dispatching { get; private set; } = null!;
    public State Rendering { get; private set; } = null!;
    public State Cancelling { get; private set; } = null!;
    public State Failing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State CompletedWithFailures { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<BatchRequested> BatchRequested { get; private set; } = null!;
    public Event<BatchDispatched> BatchDispatched { get; private set; } = null!;
    public Event<OutcomesCollected> OutcomesCollected { get; private set; } = null!;
    public Event<CancelJob> CancelJob { get; private set; } = null!;
    public Event<JobDeadlinePassed> DeadlinePassed { get; private set; } = null!;
    public Event<UnfinishedItemsSettled> ItemsSettled { get; private set; } = null!;

    private static void Accept(BehaviorContext<BatchJobState, BatchRequested> context)
    {
        var job = context.Saga;
        var request = context.Message;
        job.Tenant = request.Tenant;
        job.TemplateKey = request.TemplateKey;
        job.TemplateVersion = request.TemplateVersion;
        job.TotalItems = request.ItemCount;
        job.Client = request.Client;
        job.Format = request.Options.Format;
        job.Quality = request.Options.Quality;
        job.DeviceScaleFactor = request.Options.DeviceScaleFactor;
        job.Priority = request.Options.Priority;
        job.CreatedAt = request.RequestedAt.UtcDateTime;
        job.DeadlineAt = request.RequestedAt.UtcDateTime.AddSeconds(request.DeadlineSeconds);
        job.RetryOf = request.RetryOf;
        job.TraceParent = System.Diagnostics.Activity.Current?.Id;
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

    private static string DeadlineReason(BatchJobState job) =>
        $"The job's deadline ({job.DeadlineAt:yyyy-MM-dd HH:mm:ss} UTC) passed with " +
        $"{job.TotalItems - job.SucceededCount - job.FailedCount} of {job.TotalItems} items unfinished.";

    /// <summary>
    /// The settled counts come from the result rows, where every item now has exactly one: they are
    /// the truth even for outcomes whose events are still on their way.
    /// </summary>
    private static void TakeSettledCounts(BehaviorContext<BatchJobState, UnfinishedItemsSettled> context)
    {
        var job = context.Saga;
        job.SucceededCount = context.Message.Rendered;
        job.FailedCount = context.Message.Failed;
        job.CancelledCount = context.Message.Cancelled;
        job.CompletedAt = context.Message.SettledAt.UtcDateTime;
    }
}
