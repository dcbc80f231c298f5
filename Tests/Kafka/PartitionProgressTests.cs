using Confluent.Kafka;
using PosterGen.Consumers.Kafka;

namespace PosterGen.Tests.Kafka;

public class PartitionProgressTests
{
    private readonly TopicPartition _partition = new("render", 0);

    [Test]
    public void Commit_candidate_stops_before_the_oldest_unfinished_offset()
    {
        var progress = new PartitionProgress(_partition);
        foreach (var offset in new long[] { 10, 11, 12, 13 })
            progress.Received(offset);

        progress.Finished(11);
        progress.Finished(13);
        Assert.That(progress.CommitCandidate(), Is.Null, "offset 10 is unfinished");

        progress.Finished(10);
        Assert.That(progress.CommitCandidate(), Is.EqualTo(new TopicPartitionOffset(_partition, 12)), "10 and 11 done, 12 not");

        progress.Committed(12);
        Assert.That(progress.CommitCandidate(), Is.Null, "nothing new since the commit");

        progress.Finished(12);
        Assert.That(progress.CommitCandidate(), Is.EqualTo(new TopicPartitionOffset(_partition, 14)));
    }

    [Test]
    public void Offsets_with_gaps_commit_past_the_last_finished_one()
    {
        // Compaction and transaction markers leave holes; order of receipt is what counts.
        var progress = new PartitionProgress(_partition);
        foreach (var offset in new long[] { 5, 9, 20 })
            progress.Received(offset);

        progress.Finished(20);
        progress.Finished(5);
        Assert.That(progress.CommitCandidate(), Is.EqualTo(new TopicPartitionOffset(_partition, 6)));

        progress.Finished(9);
        Assert.That(progress.CommitCandidate(), Is.EqualTo(new TopicPartitionOffset(_partition, 21)));
    }
}
