using System.Collections.Concurrent;

namespace PosterGen.Api.Streaming;

/// <summary>
/// Wakes the SSE streams of a job when one of its events arrives. Streams read what happened from
/// the database, so a wake-up carries no data and many events collapse into one read.
/// </summary>
public class JobEventHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<JobSubscription, byte>> subscriptions = new();

    public JobSubscription Subscribe(Guid jobId)
    {
        var subscription = new JobSubscription(jobId, this);
        subscriptions.GetOrAdd(jobId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Notify(Guid jobId)
    {
        if (!subscriptions.TryGetValue(jobId, out var streams)) return;
        foreach (var stream in streams.Keys)
            stream.Signal();
    }

    internal void Unsubscribe(JobSubscription subscription)
    {
        if (subscriptions.TryGetValue(subscription.JobId, out var streams))
            streams.TryRemove(subscription, out _);
    }
}
