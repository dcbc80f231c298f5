using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Sends what is due, looks again every second, and when the database is away logs one line per
/// outage rather than one per round. The rows are the schedule, so a restart resumes where it was.
/// </summary>
public abstract class DeliveryLoop(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OutageRetry = TimeSpan.FromSeconds(5);

    /// <summary>What is sent, for the log: "webhook", "email".</summary>
    protected abstract string What { get; }

    /// <summary>Attempts the due deliveries; returns how many it took on.</summary>
    protected abstract Task<int> SendDueAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        DateTime? failingSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await SendDueAsync(stoppingToken);
                if (failingSince is not null)
                {
                    logger.LogInformation("{What} delivery resumed", What);
                    failingSince = null;
                }
                if (taken == 0) await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                if (failingSince is null)
                {
                    failingSince = DateTime.UtcNow;
                    logger.LogWarning("{What} delivery is waiting for the database, retrying: {Reason}", What, exception.Message);
                }
                try { await Task.Delay(OutageRetry, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
