using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Consumers.Kafka;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Tests.Kafka;

/// <summary>Delivery and commits of the Kafka render consumer: everything handled, offsets committed only past finished work.</summary>
public class KafkaRenderConsumerTests : KafkaTestBase
{
    [Test]
    public async Task Enqueued_posters_are_all_handled_and_committed_to_the_end_offsets()
    {
        var handler = new RecordingRenderPosterHandler();
        var host = Renderer(handler);
        await host.Services.GetRequiredService<KafkaRenderQueue>().EnqueueAsync(Posters(0, 200), CancellationToken.None);
        await host.StartAsync();

        await Eventually(() => handler.Handled.Count == 200, "every poster is handled");
        await Eventually(CommittedToEnd, "the group's offsets reach the end of every partition");

        Assert.That(handler.Handled, Is.EquivalentTo(Enumerable.Range(0, 200)), "each poster once");
        Assert.That(EndOffsets(Topic).Values, Has.All.GreaterThan(0), "per-item keys spread one job over every partition");
        var records = ReadAll(Topic, 200);
        Assert.That(records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)),
            Is.EquivalentTo(Enumerable.Range(0, 200).Select(i => $"{Job}:{i}")));
        Assert.That(Header(records[0], "message-type"), Is.EqualTo("urn:message:PosterGen.Contracts:RenderPoster"));
    }

    [Test]
    public async Task Slow_message_holds_its_partition_commit_until_it_finishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingRenderPosterHandler { Behaviour = (poster, _) => poster.ItemIndex == 2 ? gate.Task : Task.CompletedTask };
        for (var i = 0; i < 10; i++)
            await Produce(0, RenderPosterSerializer.ToMessage(Poster(i)));
        await Renderer(handler, new() { ["Kafka:CommitBatchSize"] = "1" }).StartAsync();

        await Eventually(() => handler.Handled.Count == 9, "every message but the slow one finishes");
        await Eventually(() => Committed()[0] == 2, "the messages before the slow one are committed");
        await Task.Delay(300);
        Assert.That(Committed()[0], Is.EqualTo(2), "offsets 3-9 finished, yet the commit waits at the slow offset 2");

        gate.SetResult();
        await Eventually(() => Committed()[0] == 10, "the whole partition is committed once offset 2 finishes");
    }

    [Test]
    public async Task Restarted_member_resumes_from_committed_offsets_redelivering_only_unfinished_messages()
    {
        // Item i goes to partition i % 4 at offset i / 4; item 5 is partition 1, offset 1.
        for (var i = 0; i < 40; i++)
            await Produce(i % 4, RenderPosterSerializer.ToMessage(Poster(i)));
        var first = new RecordingRenderPosterHandler
        {
            Behaviour = (poster, cancellationToken) => poster.ItemIndex == 5 ? Task.Delay(System.Threading.Timeout.Infinite, cancellationToken) : Task.CompletedTask,
        };
        // Commits only at shutdown, which drains for 300 ms and then abandons item 5.
        var settings = new Dictionary<string, string?> { ["Kafka:CommitIntervalMs"] = "600000", ["Kafka:CommitBatchSize"] = "100000", ["Kafka:DrainTimeoutMs"] = "300" };
        var firstHost = Renderer(first, settings);
        await firstHost.StartAsync();
        await Eventually(() => first.Handled.Count == 39, "the first member finishes everything but item 5");
        await firstHost.StopAsync();

        Assert.That(Committed(), Is.EqualTo(new Dictionary<int, long> { [0] = 10, [1] = 1, [2] = 10, [3] = 10 }),
            "shutdown commits every finished partition, and partition 1 only up to the abandoned item 5");

        for (var i = 40; i < 44; i++)
            await Produce(i % 4, RenderPosterSerializer.ToMessage(Poster(i)));
        var second = new RecordingRenderPosterHandler();
        await Renderer(second, settings).StartAsync();

        var expected = Enumerable.Range(0, 10).Select(offset => 1 + offset * 4).Where(i => i >= 5).Concat(Enumerable.Range(40, 4)).ToList();
        await Eventually(() => second.Handled.Count == expected.Count, "the second member handles what was left");
        await Task.Delay(200);
        Assert.That(second.Handled, Is.EquivalentTo(expected),
            "item 5 and the finished-but-uncommitted items after it in partition 1 again, then the new items; nothing committed");
    }

    [Test]
    public async Task Busy_workers_pause_the_assignment_and_resume_without_losing_or_repeating_messages()
    {
        // Items 0 and 10 hold both workers for longer than the consumer waits before pausing.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingRenderPosterHandler { Behaviour = (poster, _) => poster.ItemIndex % 10 == 0 ? gate.Task : Task.CompletedTask };
        for (var i = 0; i < 20; i++)
            await Produce(i / 10, RenderPosterSerializer.ToMessage(Poster(i)));
        await Renderer(handler, new() { ["RenderQueue:WorkerCount"] = "2" }).StartAsync();

        await Eventually(() => handler.Attempts(0) == 1 && handler.Attempts(10) == 1, "both workers are busy");
        var handledBefore = handler.Handled.Count;
        await Task.Delay(800);
        Assert.That(handler.Handled, Has.Count.EqualTo(handledBefore), "no third message runs while both workers are busy");

        gate.SetResult();
        await Eventually(CommittedToEnd, "every partition is committed to its end");
        Assert.That(handler.Handled, Is.EquivalentTo(Enumerable.Range(0, 20)), "each item once across pause and resume");
    }

    [Test]
    public async Task Second_member_takes_over_revoked_partitions_and_nothing_is_skipped()
    {
        var slow = true;
        var first = new RecordingRenderPosterHandler { Behaviour = (_, cancellationToken) => Volatile.Read(ref slow) ? Task.Delay(25, cancellationToken) : Task.CompletedTask };
        var second = new RecordingRenderPosterHandler();
        var host = Renderer(first);
        await host.Services.GetRequiredService<KafkaRenderQueue>().EnqueueAsync(Posters(0, 400), CancellationToken.None);
        await host.StartAsync();
        await Eventually(() => first.Handled.Count > 0, "the first member is rendering");

        await Renderer(second).StartAsync();
        await Eventually(() => second.Handled.Count > 0, "the rebalance gives the second member partitions");
        Volatile.Write(ref slow, false);
        await Eventually(() => first.Handled.Count + second.Handled.Count >= 400, "every poster is handled");
        await Eventually(CommittedToEnd, "every partition is committed to its end");

        // At least once: a commit refused mid-rebalance may hand a few finished items to the new
        // owner again (the render handler is idempotent); none may be skipped.
        Assert.That(first.Handled.Concat(second.Handled).Distinct(), Is.EquivalentTo(Enumerable.Range(0, 400)),
            "every poster is handled by one member or the other");
    }

    [Test]
    public async Task Urgent_posters_overtake_a_bulk_backlog_already_on_the_broker()
    {
        var handler = new RecordingRenderPosterHandler { Behaviour = (_, cancellationToken) => Task.Delay(50, cancellationToken) };
        var host = Renderer(handler, new() { ["RenderQueue:WorkerCount"] = "1" });
        var queue = host.Services.GetRequiredService<KafkaRenderQueue>();
        await queue.EnqueueAsync(Posters(0, 40, priority: 10), CancellationToken.None);
        await host.StartAsync();
        await Eventually(() => handler.Handled.Count >= 2, "the bulk backlog is being worked on");

        await queue.EnqueueAsync(Posters(100, 3, priority: 1), CancellationToken.None);
        await Eventually(() => handler.Handled.Count == 43, "every poster is handled");

        var order = handler.Handled.ToList();
        var lastUrgent = new[] { 100, 101, 102 }.Max(order.IndexOf);
        Assert.That(lastUrgent, Is.LessThan(20), $"the urgent posters ran before most of the backlog: {string.Join(",", order)}");
        Assert.That(EndOffsets($"{Topic}.bulk").Values.Sum(), Is.EqualTo(40), "priority 10 travels on the bulk lane");
        Assert.That(EndOffsets($"{Topic}.urgent").Values.Sum(), Is.EqualTo(3), "priority 1 travels on the urgent lane");
        await Eventually(() => CommittedToEnd($"{Topic}.bulk") && CommittedToEnd($"{Topic}.urgent", $"{Group}.urgent"),
            "both lanes are committed to their ends, the urgent lane by its own group");
    }
}
