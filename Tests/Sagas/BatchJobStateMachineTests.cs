using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Contracts;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Tests.Sagas;

/// <summary>
/// The state machine on MassTransit's test harness with the real saga definition: every item's
/// first outcome counts once, whatever order or how often outcomes arrive.
/// </summary>
public class BatchJobStateMachineTests
{
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private ISagaStateMachineTestHarness<BatchJobStateMachine, BatchJobState> _saga = null!;

    [SetUp]
    public async Task StartHarness()
    {
        _provider = new ServiceCollection()
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(1));
                x.AddSagaStateMachine<BatchJobStateMachine, BatchJobState, BatchJobStateDefinition>();
                x.AddConsumer<PosterOutcomesConsumer, PosterOutcomesConsumerDefinition>();
            })
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _saga = _harness.GetSagaStateMachineHarness<BatchJobStateMachine, BatchJobState>();
    }

    [TearDown]
    public async Task StopHarness()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task A_request_asks_for_dispatch_and_waits_for_it()
    {
        var jobId = await RequestAsync(itemCount: 3);

        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Dispatching), Is.Not.Null);
        var dispatch = _harness.Published.Select<DispatchBatch>().Single().Context.Message;
        Assert.That((dispatch.JobId, dispatch.TemplateKey, dispatch.ItemCount), Is.EqualTo((jobId, "promo", 3)));

        await _harness.Bus.Publish(new BatchDispatched(jobId, 3, DateTimeOffset.UtcNow));
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Rendering), Is.Not.Null);
    }

    [Test]
    public async Task Duplicate_and_out_of_order_outcomes_are_counted_once()
    {
        var jobId = await RequestAsync(itemCount: 5);
        await _harness.Bus.Publish(new BatchDispatched(jobId, 5, DateTimeOffset.UtcNow));

        await RenderedAsync(jobId, 4);
        await RenderedAsync(jobId, 2);
        await RenderedAsync(jobId, 4);
        await FailedAsync(jobId, 3);
        await FailedAsync(jobId, 3);
        await RenderedAsync(jobId, 2);
        await RenderedAsync(jobId, 0);
        await RenderedAsync(jobId, 1);
        await RenderedAsync(jobId, 1);

        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.CompletedWithFailures), Is.Not.Null);
        await _harness.InactivityTask;

        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That((job.SucceededCount, job.FailedCount), Is.EqualTo((4, 1)));
        var completed = _harness.Published.Select<JobCompleted>().Select(m => m.Context.Message).ToList();
        Assert.That(completed, Has.Count.EqualTo(1));
        Assert.That((completed[0].Total, completed[0].Succeeded, completed[0].Failed), Is.EqualTo((5, 4, 1)));
        Assert.That(completed[0].Duration, Is.EqualTo(completed[0].CompletedAt - completed[0].StartedAt));
    }

    [Test]
    public async Task An_item_reported_both_rendered_and_failed_counts_once()
    {
        // Cannot happen in the pipeline, where both events come from the item's one result row,
        // but the saga must not be the place where it would double-count.
        var jobId = await RequestAsync(itemCount: 2);
        await FailedAsync(jobId, 0);
        await RenderedAsync(jobId, 0);
        await _harness.InactivityTask;

        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That(job.SucceededCount + job.FailedCount, Is.EqualTo(1));
        Assert.That(_harness.Published.Select<JobCompleted>().Any(), Is.False);
    }

    [Test]
    public async Task Outcomes_of_many_jobs_reach_each_job_once()
    {
        var jobs = new[] { await RequestAsync(itemCount: 300), await RequestAsync(itemCount: 300) };
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => RenderedAsync(jobs[i % 2], i / 2)));
        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => RenderedAsync(jobs[i % 2], i / 2)));

        foreach (var jobId in jobs)
            Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Completed), Is.Not.Null);
        await _harness.InactivityTask;

        Assert.That(jobs.Select(j => _saga.Sagas.Contains(j)!.SucceededCount), Is.EqualTo(new[] { 300, 300 }));
        Assert.That(_harness.Published.Select<JobCompleted>().Count(), Is.EqualTo(2));
        Assert.That(_harness.Published.Select<OutcomesCollected>().Count(), Is.LessThan(1200),
            "outcomes reach the saga in batches, not one message each");
    }

    [Test]
    public async Task Outcomes_that_overtake_the_dispatch_report_still_count_and_a_late_dispatch_changes_nothing()
    {
        var jobId = await RequestAsync(itemCount: 2);
        await RenderedAsync(jobId, 1);
        await RenderedAsync(jobId, 0);
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Completed), Is.Not.Null);

        await _harness.Bus.Publish(new BatchDispatched(jobId, 2, DateTimeOffset.UtcNow));
        await RenderedAsync(jobId, 0);
        await _harness.InactivityTask;

        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That(job.CurrentState, Is.EqualTo(nameof(BatchJobStateMachine.Completed)));
        Assert.That(job.SucceededCount, Is.EqualTo(2));
        Assert.That(_harness.Published.Select<JobCompleted>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_outcome_for_an_index_outside_the_job_is_not_counted()
    {
        var jobId = await RequestAsync(itemCount: 2);
        await RenderedAsync(jobId, 2);
        await RenderedAsync(jobId, -1);
        await RenderedAsync(jobId, 0);
        await _harness.InactivityTask;

        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That(job.SucceededCount, Is.EqualTo(1));
        Assert.That(_harness.Published.Select<JobCompleted>().Any(), Is.False);
    }

    [Test]
    public async Task A_cancel_settles_the_unfinished_items_then_announces_the_settled_counts_once()
    {
        var jobId = await RequestAsync(itemCount: 3);
        await RenderedAsync(jobId, 0);
        Assert.That(await _saga.Match(j => j.CorrelationId == jobId && j.SucceededCount == 1), Is.Not.Empty,
            "the first outcome reached the saga before the cancel");
        await _harness.Bus.Publish(new CancelJob(jobId, "client asked"));
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Cancelling), Is.Not.Null);
        var settle = _harness.Published.Select<SettleUnfinishedItems>().Single().Context.Message;
        Assert.That((settle.JobId, settle.Outcome, settle.Reason), Is.EqualTo((jobId, UnfinishedItemOutcome.Cancelled, "client asked")));

        // A poster in flight finishes, a second cancel comes, then the settled counts from the rows.
        await RenderedAsync(jobId, 1);
        await _harness.Bus.Publish(new CancelJob(jobId, "again"));
        await _harness.Bus.Publish(new UnfinishedItemsSettled(jobId, 2, 0, 1, DateTimeOffset.UtcNow));
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Cancelled), Is.Not.Null);
        await _harness.Bus.Publish(new UnfinishedItemsSettled(jobId, 2, 0, 1, DateTimeOffset.UtcNow));
        await RenderedAsync(jobId, 2);
        await _harness.InactivityTask;

        var cancelled = _harness.Published.Select<JobCancelled>().Select(m => m.Context.Message).ToList();
        Assert.That(cancelled, Has.Count.EqualTo(1));
        Assert.That((cancelled[0].Total, cancelled[0].Succeeded, cancelled[0].Failed, cancelled[0].Cancelled), Is.EqualTo((3, 2, 0, 1)));
        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That((job.SucceededCount, job.CancelledCount), Is.EqualTo((2, 1)));
        Assert.That(_harness.Published.Select<SettleUnfinishedItems>().Count(), Is.EqualTo(1));
        Assert.That(_harness.Published.Select<JobCompleted>().Any(), Is.False);
    }

    [Test]
    public async Task A_passed_deadline_fails_the_job_with_its_reason_and_one_JobFailed()
    {
        var jobId = await RequestAsync(itemCount: 4);
        await RenderedAsync(jobId, 0);
        Assert.That(await _saga.Match(j => j.CorrelationId == jobId && j.SucceededCount == 1), Is.Not.Empty);

        await _harness.Bus.Publish(new JobDeadlinePassed(jobId, DateTimeOffset.UtcNow));
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Failing), Is.Not.Null);
        await _harness.Bus.Publish(new JobDeadlinePassed(jobId, DateTimeOffset.UtcNow));
        await _harness.Bus.Publish(new UnfinishedItemsSettled(jobId, 1, 3, 0, DateTimeOffset.UtcNow));
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Failed), Is.Not.Null);
        await _harness.InactivityTask;

        var job = _saga.Sagas.Contains(jobId)!;
        Assert.That(job.FailureReason, Does.Contain("deadline").And.Contain("3 of 4 items unfinished"));
        var settle = _harness.Published.Select<SettleUnfinishedItems>().Single().Context.Message;
        Assert.That((settle.Outcome, settle.Reason), Is.EqualTo((UnfinishedItemOutcome.Failed, job.FailureReason)));
        var failed = _harness.Published.Select<JobFailed>().Select(m => m.Context.Message).ToList();
        Assert.That(failed, Has.Count.EqualTo(1));
        Assert.That((failed[0].Reason, failed[0].Succeeded, failed[0].Failed), Is.EqualTo((job.FailureReason, 1, 3)));
    }

    [Test]
    public async Task A_deadline_after_completion_changes_nothing()
    {
        var jobId = await RequestAsync(itemCount: 1);
        await RenderedAsync(jobId, 0);
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Completed), Is.Not.Null);
        await _harness.Bus.Publish(new JobDeadlinePassed(jobId, DateTimeOffset.UtcNow));
        await _harness.Bus.Publish(new CancelJob(jobId, null));
        await _harness.InactivityTask;

        Assert.That(_harness.Published.Select<SettleUnfinishedItems>().Any(), Is.False);
        Assert.That(await _saga.Exists(jobId, _saga.StateMachine.Completed), Is.Not.Null);
    }

    [Test]
    public async Task A_repeated_request_does_not_restart_the_job()
    {
        var jobId = await RequestAsync(itemCount: 1);
        await _harness.Bus.Publish(Request(jobId, itemCount: 1));
        await _harness.InactivityTask;

        Assert.That(_harness.Published.Select<DispatchBatch>().Count(), Is.EqualTo(1));
    }

    private async Task<Guid> RequestAsync(int itemCount)
    {
        var jobId = NewId.NextGuid();
        await _harness.Bus.Publish(Request(jobId, itemCount));
        Assert.That(await _saga.Exists(jobId), Is.Not.Null, "the saga instance was not created");
        return jobId;
    }

    private static BatchRequested Request(Guid jobId, int itemCount) =>
        new(jobId, "promo", 1, itemCount, new RenderOptions(), "tests", DateTimeOffset.UtcNow, DeadlineSeconds: 3600);

    private Task RenderedAsync(Guid jobId, int index) =>
        _harness.Bus.Publish(new PosterRendered(jobId, index, null, $"/posters/{index}.png", 10, false, DateTimeOffset.UtcNow));

    private Task FailedAsync(Guid jobId, int index) =>
        _harness.Bus.Publish(new PosterFailed(jobId, index, null, "bad data", 1, DateTimeOffset.UtcNow));
}
