using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosterGen.Contracts;

namespace PosterGen.Consumers.RenderQueue;

/// <summary>
/// Feeds the in-process queue to <see cref="IRenderPosterHandler"/> with <c>Render:Concurrency</c>
/// workers. A message the handler could not handle (it threw) goes back on the queue after a
/// delay, so a database hiccup delays posters instead of losing them.
/// </summary>
public class InProcessRenderWorker(
    InProcessRenderQueue queue,
    IServiceScopeFactory scopes,
    IOptions<RenderQueueOptions> options,
    ILogger<InProcessRenderWorker> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.WorkerCount).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            RenderPoster poster;
            try { poster = await queue.DequeueAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IRenderPosterHandler>().HandleAsync(poster, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Poster {JobId}/{ItemIndex} was not handled; queued again", poster.JobId, poster.ItemIndex);
                _ = RequeueLaterAsync(poster, stoppingToken);
            }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task RequeueLaterAsync(RenderPoster poster, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelay, stoppingToken);
            await queue.EnqueueAsync([poster], stoppingToken);
        }
        catch (OperationCanceledException) { }
    }
}
