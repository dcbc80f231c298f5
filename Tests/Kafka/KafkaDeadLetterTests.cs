using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Consumers.Kafka;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Tests.Kafka;

/// <summary>Poison messages go to the dead-letter topic with their origin and reason; their partition never sticks.</summary>
public class KafkaDeadLetterTests : KafkaTestBase
{
    [Test]
    public async Task Undecodable_messages_are_dead_lettered_and_their_partition_keeps_flowing()
    {
        var garbage = "not json {"u8.ToArray();
        var partial = JsonSerializer.SerializeToUtf8Bytes(new { jobId = Job, itemIndex = 2, templateVersion = 1 });
        await Produce(0, RenderPosterSerializer.ToMessage(Poster(0)));
        await Produce(0, new Message<byte[]?, byte[]?> { Value = garbage });
        await Produce(0, new Message<byte[]?, byte[]?> { Value = partial });
        await Produce(0, RenderPosterSerializer.ToMessage(Poster(3)));
        await Produce(0, RenderPosterSerializer.ToMessage(Poster(4)));
        var handler = new RecordingRenderPosterHandler();
        await Renderer(handler).StartAsync();

        await Eventually(() => Committed()[0] == 5, "partition 0 is committed past both poison messages");
        Assert.That(handler.Handled, Is.EquivalentTo(new[] { 0, 3, 4 }));

        var deadLetters = ReadAll($"{Topic}.dead-letter", 2).OrderBy(r => Header(r, "dlt-original-offset")).ToList();
        Assert.That(deadLetters.Select(r => r.Message.Value), Is.EqualTo(new[] { garbage, partial }), "the original bytes, unchanged");
        Assert.That(deadLetters.Select(r => Header(r, "dlt-original-topic")), Has.All.EqualTo(Topic));
        Assert.That(deadLetters.Select(r => Header(r, "dlt-original-partition")), Has.All.EqualTo("0"));
        Assert.That(deadLetters.Select(r => Header(r, "dlt-original-offset")), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(deadLetters.Select(r => Header(r, "dlt-consumer-group")), Has.All.EqualTo(Group));
        Assert.That(Header(deadLetters[0], "dlt-reason"), Does.StartWith("Undecodable: invalid JSON"));
        Assert.That(Header(deadLetters[0], "job-id"), Is.Null);
        Assert.That(Header(deadLetters[1], "dlt-reason"), Does.StartWith("Undecodable: ").And.Contain("templateKey"));
        Assert.That(Header(deadLetters[1], "job-id"), Is.EqualTo(Job.ToString()), "a partly readable message names its job");
        Assert.That(Header(deadLetters[1], "item-index"), Is.EqualTo("2"));
    }

    [Test]
    public async Task Item_the_handler_keeps_failing_is_retried_then_dead_lettered_while_others_flow()
    {
        var handler = new RecordingRenderPosterHandler
        {
            Behaviour = (poster, _) => poster.ItemIndex == 7 ? throw new InvalidOperationException("database is down") : Task.CompletedTask,
        };
        var host = Renderer(handler);
        await host.Services.GetRequiredService<KafkaRenderQueue>().EnqueueAsync(Posters(0, 20), CancellationToken.None);
        await host.StartAsync();

        await Eventually(CommittedToEnd, "every partition is committed to its end");
        Assert.That(handler.Handled, Is.EquivalentTo(Enumerable.Range(0, 20).Where(i => i != 7)));
        Assert.That(handler.Attempts(7), Is.EqualTo(3), "Kafka:HandlerAttempts");

        var deadLetter = ReadAll($"{Topic}.dead-letter", 1).Single();
        Assert.That(Encoding.UTF8.GetString(deadLetter.Message.Key!), Is.EqualTo($"{Job}:7"));
        Assert.That(Header(deadLetter, "dlt-reason"), Is.EqualTo("Not handled after 3 attempts: database is down"));
        Assert.That(Header(deadLetter, "dlt-exception-type"), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(Header(deadLetter, "dlt-attempts"), Is.EqualTo("3"));
        Assert.That(Header(deadLetter, "job-id"), Is.EqualTo(Job.ToString()));
        Assert.That(Header(deadLetter, "item-index"), Is.EqualTo("7"));
        Assert.That(Header(deadLetter, "message-type"), Is.EqualTo("urn:message:PosterGen.Contracts:RenderPoster"), "original headers kept");
    }
}
