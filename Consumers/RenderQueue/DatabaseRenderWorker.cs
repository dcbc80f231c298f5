using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// Renders items from the database queue with <c>RenderQueue:WorkerCount</c> workers. Each worker
/// claims one item when it is free, so a more urgent job overtakes at the next free worker. An item
/// the handler could not handle (it threw: the database is down, say) goes back to the queue after a
/// delay; one whose renderer died is claimed again when its lease runs out, or at once when this
/// process owns the database alone and restarts.
/// </summary>
public sealed class DatabaseRenderWorker(
    DatabaseRenderClaims claims,
    RenderQueueSignal signal,
    IServiceScopeFactory scopes,
    IOptions<RenderQueueOptions> options,
    ILogger<DatabaseRenderWorker> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReclaimInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        try
        {
            if (await claims.OwnsDatabaseAloneAsync(stoppingToken) && await claims.ReclaimAsync(all: true, stoppingToken) is > 0 and var resumed)
                logger.LogInformation("Resuming {Count} posters that were rendering when the service last stopped", resumed);
            await Task.WhenAll(Enumerable.Range(0, settings.WorkerCount).Select(_ => WorkAsync(settings, stoppingToken))
                .Append(ReclaimExpiredAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task WorkAsync(RenderQueueOptions settings, CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var poll = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedItem? claimed;
            try { claimed = await claims.ClaimAsync(lease, stoppingToken); }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not claim work from the render queue: {Reason}", exception.Message);
                await Task.Delay(RetryDelay, stoppingToken);
                continue;
            }
            if (claimed is null)
            {
                await signal.WaitAsync(poll, stoppingToken);
                continue;
            }

            try
            {
                await HandleAsync(claimed, settings.MaxClaims, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Poster {JobId}/{ItemIndex} was not handled; queued again", claimed.Item.JobId, claimed.Item.ItemIndex);
                await Task.Delay(RetryDelay, stoppingToken);
                await claims.ReleaseAsync(claimed.Item, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(ClaimedItem claimed, int maxClaims, CancellationToken stoppingToken)
    {
        var (item, job) = claimed;
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<IRenderPosterHandler>();
        if (item.Claims > maxClaims)
        {
            await handler.RecordFailedAsync(item.JobId, item.ItemIndex,
                $"The item was claimed {item.Claims - 1} times and never finished: it crashes or hangs its renderer.", stoppingToken);
            return;
        }

        var poster = new RenderPoster(item.JobId, item.ItemIndex, item.EntityId, job.TemplateKey, job.TemplateVersion,
            JsonSerializer.Deserialize<JsonElement>(item.Data), new RenderOptions(job.Format, job.Quality, job.DeviceScaleFactor, job.Priority),
            job.TraceParent, job.Tenant);
        await handler.HandleAsync(poster, stoppingToken);
    }

    private async Task ReclaimExpiredAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(ReclaimInterval, stoppingToken);
            try
            {
                if (await claims.ReclaimAsync(all: false, stoppingToken) is > 0 and var count)
                {
                    logger.LogWarning("Queued {Count} posters again whose renderer let its lease run out", count);
                    signal.Notify();
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not look for expired leases: {Reason}", exception.Message);
            }
        }
    }
}
