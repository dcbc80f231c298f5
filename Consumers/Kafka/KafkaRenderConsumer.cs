using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.RenderQueue;

namespace PosterGen.Consumers.Kafka;

/// <summary>
/// A consumer-group member for some of the render topics, after the MassTransit Kafka rider:
/// auto-commit off; messages in flight bounded by the process's shared <see cref="RenderWorkers"/>,
/// which serve the urgent lane's member first; per
/// partition, only the contiguous finished offsets are committed, every <c>Kafka:CommitBatchSize</c>
/// messages or <c>Kafka:CommitIntervalMs</c>; revoked partitions and shutdown drain and commit
/// first; poison messages go to the dead-letter topic (<see cref="RenderMessageProcessor"/>).
/// </summary>
/// <remarks>
/// Every call on the Kafka consumer, rebalance callbacks included, happens on the one loop thread;
/// workers only report to their <see cref="PartitionProgress"/>. When every worker is busy and as
/// many messages wait, the loop waits a moment for a worker and then pauses the assignment, so a
/// long render never keeps rebalances, commits and max.poll.interval.ms waiting.
/// </remarks>
internal sealed class KafkaRenderConsumer(
    RenderMessageProcessor processor,
    RenderWorkers workers,
    IReadOnlyList<string> topics,
    string groupId,
    bool urgent,
    IOptions<KafkaOptions> options,
    ILogger<KafkaRenderConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    // Urgent messages that wait for a worker hold the other lane's workers back: look again soon.
    private static readonly TimeSpan UrgentPollTimeout = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan PauseAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);

    private readonly KafkaOptions settings = options.Value;
    private readonly Dictionary<TopicPartition, PartitionProgress> assigned = [];
    private readonly PriorityQueue<ConsumeResult<byte[]?, byte[]?>, (int Lane, long Arrival)> waiting = new();
    private long arrivals;
    private int finishedSinceCommit;
    private long lastCommit = Stopwatch.GetTimestamp();
    private bool paused;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks; the loop gets a thread of its own instead of holding a pool thread.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClients.ConsumerConfig(settings, groupId))
            .SetLogHandler((_, message) => KafkaClients.Log(logger, message))
            .SetErrorHandler((_, error) => KafkaClients.Error(logger, error))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((current, partitions) => OnRevoked(current, partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .Build();
        consumer.Subscribe(topics);
        logger.LogInformation("Consuming {Topics} in group {GroupId} with {WorkerCount} shared workers", topics, groupId, workers.Count);

        while (!stoppingToken.IsCancellationRequested)
        {
            CommitIfDue(consumer);
            StartWaiting();
            if (Busy && !paused && WorkerFreedSoon(stoppingToken))
                continue;
            PauseWhileBusy(consumer);
            var record = Poll(consumer, stoppingToken);
            if (record is not null)
                Accept(record);
        }

        logger.LogInformation("Stopping: draining {InFlight} messages in flight", assigned.Values.Sum(p => p.Running().Length));
        Drain([.. assigned.Values]);
        Commit(consumer, assigned.Values);
        try { consumer.Close(); }
        catch (KafkaException exception) { logger.LogWarning(exception, "Leaving group {GroupId} failed; the broker expels this member after its session timeout", settings.GroupId); }
    }

    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        try
        {
            if (!paused)
                return consumer.Consume(urgent && waiting.Count > 0 ? UrgentPollTimeout : PollTimeout);
            // Paused: serve callbacks, then sleep until a worker frees up or the next commit check.
            var record = consumer.Consume(TimeSpan.Zero);
            if (record is null)
                workers.WaitForWorker(urgent, PollTimeout, stoppingToken);
            return record;
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            // E.g. the topic does not exist yet or a broker is briefly unreachable; librdkafka recovers.
            logger.LogWarning("Consuming {Topics} failed, retrying: {Code} {Reason}", topics, exception.Error.Code, exception.Error.Reason);
            stoppingToken.WaitHandle.WaitOne(ErrorBackoff);
            return null;
        }
    }

    private void Accept(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (!assigned.TryGetValue(record.TopicPartition, out var progress))
        {
            logger.LogWarning("Ignoring {Topic}/{Partition}@{Offset}: the partition is not assigned here", record.Topic, record.Partition.Value, record.Offset.Value);
            return;
        }
        progress.Received(record.Offset);
        // The more urgent lane first; within a lane, a message never overtakes one already waiting.
        if (waiting.Count == 0 && workers.TryTake(urgent))
            Start(progress, record);
        else
            Wait(record);
    }

    private void Wait(ConsumeResult<byte[]?, byte[]?> record)
    {
        waiting.Enqueue(record, (settings.LaneOf(record.Topic), arrivals++));
        ReportWaiting();
    }

    private void StartWaiting()
    {
        while (waiting.Count > 0 && workers.TryTake(urgent))
        {
            var record = waiting.Dequeue();
            Start(assigned[record.TopicPartition], record);
        }
        ReportWaiting();
    }

    private void ReportWaiting()
    {
        if (urgent)
            workers.UrgentWaiting(waiting.Count);
    }

    /// <summary>True when every worker is busy and as many messages wait for one.</summary>
    private bool Busy => waiting.Count >= workers.Count;

    /// <summary>
    /// Most waits for a worker are short, and pausing has a price: a paused partition drops what
    /// librdkafka prefetched and fetches it again on resume (up to fetch.wait.max.ms, 500 ms). So the
    /// loop first blocks that long for a worker, and only pauses the assignment past that.
    /// </summary>
    private bool WorkerFreedSoon(CancellationToken stoppingToken) => workers.WaitForWorker(urgent, PauseAfter, stoppingToken);

    private void PauseWhileBusy(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (Busy && !paused)
        {
            consumer.Pause(consumer.Assignment);
            logger.LogDebug("Every worker busy for {PauseAfterMs} ms: paused {Partitions}", PauseAfter.TotalMilliseconds, consumer.Assignment);
        }
        else if (!Busy && paused)
        {
            consumer.Resume(consumer.Assignment);
            logger.LogDebug("Resumed {Partitions}", consumer.Assignment);
        }
        paused = Busy;
    }

    private void Start(PartitionProgress progress, ConsumeResult<byte[]?, byte[]?> record) =>
        progress.Track(Task.Run(() => WorkAsync(progress, record)));

    private async Task WorkAsync(PartitionProgress progress, ConsumeResult<byte[]?, byte[]?> record)
    {
        try
        {
            await processor.ProcessAsync(record, progress.Abandon.Token);
            progress.Finished(record.Offset);
            Interlocked.Increment(ref finishedSinceCommit);
        }
        catch (Exception) when (progress.Abandon.IsCancellationRequested)
        {
            logger.LogInformation("Abandoned {Topic}/{Partition}@{Offset}; it stays uncommitted and is delivered again",
                record.Topic, record.Partition.Value, record.Offset.Value);
        }
        catch (Exception exception)
        {
            // Not expected: the processor retries or dead-letters every failure. The partition's
            // commits stop here, so the message is delivered again after a restart or rebalance.
            logger.LogCritical(exception, "Processing {Topic}/{Partition}@{Offset} failed unexpectedly",
                record.Topic, record.Partition.Value, record.Offset.Value);
        }
        finally
        {
            workers.Release();
        }
    }

    private void CommitIfDue(IConsumer<byte[]?, byte[]?> consumer)
    {
        var due = Volatile.Read(ref finishedSinceCommit) >= settings.CommitBatchSize
            || Stopwatch.GetElapsedTime(lastCommit).TotalMilliseconds >= settings.CommitIntervalMs;
        if (!due)
            return;
        Interlocked.Exchange(ref finishedSinceCommit, 0);
        lastCommit = Stopwatch.GetTimestamp();
        Commit(consumer, assigned.Values);
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<PartitionProgress> partitions)
    {
        var byPartition = partitions.ToDictionary(p => p.Partition);
        var offsets = byPartition.Values.Select(p => p.CommitCandidate()).OfType<TopicPartitionOffset>().ToList();
        if (offsets.Count == 0)
            return;
        try
        {
            consumer.Commit(offsets);
            foreach (var offset in offsets)
                byPartition[offset.TopicPartition].Committed(offset.Offset);
            logger.LogDebug("Committed {Offsets}", offsets);
        }
        catch (TopicPartitionOffsetException exception)
        {
            foreach (var result in exception.Results.Where(r => !r.Error.IsError))
                byPartition[result.TopicPartition].Committed(result.Offset);
            logger.LogWarning("Committing {Offsets} failed in part; the rest is retried at the next commit: {Errors}",
                offsets, exception.Results.Where(r => r.Error.IsError).Select(r => $"{r.TopicPartition}: {r.Error.Reason}"));
        }
        catch (KafkaException exception)
        {
            // During a rebalance the coordinator refuses commits of the old generation; expected, and retried.
            var expected = exception.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration;
            logger.Log(expected ? LogLevel.Information : LogLevel.Warning, "Committing {Offsets} failed; retried at the next commit: {Code} {Reason}",
                offsets, exception.Error.Code, exception.Error.Reason);
        }
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
            return;
        foreach (var partition in partitions)
            assigned[partition] = new PartitionProgress(partition);
        // New partitions start unpaused; let the next turn pause them too if every worker is busy.
        paused = false;
        logger.LogInformation("Assigned {Partitions}", partitions);
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        if (partitions.Count == 0)
            return;
        var leaving = Leave(partitions.Select(p => p.TopicPartition));
        Drain(leaving);
        Commit(consumer, leaving);
        logger.LogInformation("Revoked {Partitions}", partitions.Select(p => p.TopicPartition));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        // Another member owns them already: stop their work now, and commit nothing (it would be fenced).
        foreach (var progress in Leave(partitions.Select(p => p.TopicPartition)))
            progress.Abandon.Cancel();
        logger.LogWarning("Lost {Partitions}; their unfinished messages are delivered again to the new owner", partitions.Select(p => p.TopicPartition));
    }

    private List<PartitionProgress> Leave(IEnumerable<TopicPartition> partitions)
    {
        var leaving = partitions.Select(p => assigned.GetValueOrDefault(p)).OfType<PartitionProgress>().ToList();
        foreach (var progress in leaving)
            assigned.Remove(progress.Partition);
        var kept = waiting.UnorderedItems.Where(w => assigned.ContainsKey(w.Element.TopicPartition)).ToList();
        waiting.Clear();
        waiting.EnqueueRange(kept);
        ReportWaiting();
        return leaving;
    }

    /// <summary>Waits for the partitions' messages in flight, up to <c>Kafka:DrainTimeoutMs</c>, then abandons the rest.</summary>
    private void Drain(IReadOnlyCollection<PartitionProgress> partitions)
    {
        // Partitions abandoned once already (shutdown, then Close revoking them) are not waited for again.
        var running = partitions.Where(p => !p.Abandon.IsCancellationRequested).SelectMany(p => p.Running()).ToArray();
        if (running.Length == 0 || Task.WaitAll(running, settings.DrainTimeoutMs))
            return;
        logger.LogWarning("{Count} messages still in flight after {DrainTimeoutMs} ms; abandoning them uncommitted",
            running.Count(t => !t.IsCompleted), settings.DrainTimeoutMs);
        foreach (var progress in partitions)
            progress.Abandon.Cancel();
    }
}
