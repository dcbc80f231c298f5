using Confluent.Kafka;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// One assigned partition's messages between receipt and commit. Messages of a partition run at
/// once and finish out of order; the commit offset only moves past a message when it and every
/// message received before it have finished, so a commit never skips unfinished work. Offsets are
/// compared in delivery order, not by arithmetic, because compaction and transaction markers leave
/// gaps.
/// </summary>
internal sealed class PartitionProgress(TopicPartition partition)
{
    private readonly Lock gate = new();
    private readonly Queue<long> unfinished = new();
    private readonly HashSet<long> finishedEarly = [];
    private readonly HashSet<Task> running = [];
    private Offset committable = Offset.Unset;
    private Offset committed = Offset.Unset;

    public TopicPartition Partition => partition;

    /// <summary>Fires when the partition's work is abandoned: lost, or revoked or shut down past the drain timeout.</summary>
    public CancellationTokenSource Abandon { get; } = new();

    public void Received(Offset offset)
    {
        lock (gate)
            unfinished.Enqueue(offset.Value);
    }

    public void Finished(Offset offset)
    {
        lock (gate)
        {
            finishedEarly.Add(offset.Value);
            while (unfinished.TryPeek(out var oldest) && finishedEarly.Remove(oldest))
            {
                unfinished.Dequeue();
                committable = oldest + 1;
            }
        }
    }

    /// <summary>The offset to commit (the next one to read), or null when nothing finished since the last commit.</summary>
    public TopicPartitionOffset? CommitCandidate()
    {
        lock (gate)
            return committable > committed ? new TopicPartitionOffset(partition, committable) : null;
    }

    public void Committed(Offset offset)
    {
        lock (gate)
        {
            if (offset > committed)
                committed = offset;
        }
    }

    public void Track(Task work)
    {
        lock (gate)
            running.Add(work);
        work.ContinueWith(done => { lock (gate) running.Remove(done); }, TaskScheduler.Default);
    }

    public Task[] Running()
    {
        lock (gate)
            return [.. running];
    }
}
