using PosterGen.Cli.Api;

namespace PosterGen.Cli.Progress;

/// <summary>
/// Follows a job over its SSE stream until a final event, reconnecting with Last-Event-ID when the
/// stream drops, and answers the job's final status as the service reports it afterwards.
/// </summary>
public class JobFollower(PosterGenClient client)
{
    private const int MaxConsecutiveFailures = 5;

    public async Task<string> FollowAsync(Guid jobId, Action<JobProgress> report, CancellationToken cancellationToken)
    {
        var status = await client.GetJobAsync(jobId, 1, 1, cancellationToken);
        report(JobProgress.FromStatus(status));
        if (IsFinal(status.GetProperty("status").GetString()!))
            return status.GetProperty("status").GetString()!;

        string? lastEventId = null;
        var failures = 0;
        var finished = false;
        while (!finished)
        {
            try
            {
                await foreach (var item in client.StreamAsync(jobId, lastEventId, cancellationToken))
                {
                    failures = 0;
                    lastEventId = item.Id ?? lastEventId;
                    if (item.Kind == "progress") report(JobProgress.FromEvent(item.Data));
                    if (item.IsFinal)
                    {
                        finished = true;
                        break;
                    }
                }
            }
            catch (HttpRequestException) when (++failures < MaxConsecutiveFailures)
            {
                // A restarting API or a dropped connection: the stream resumes from the last event seen.
            }
            catch (IOException) when (++failures < MaxConsecutiveFailures)
            {
            }
            if (!finished) await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, failures)), cancellationToken);
        }

        status = await client.GetJobAsync(jobId, 1, 1, cancellationToken);
        report(JobProgress.FromStatus(status));
        return status.GetProperty("status").GetString()!;
    }

    public static bool IsFinal(string status) => status is "completed" or "completed_with_failures" or "failed" or "cancelled";
}
