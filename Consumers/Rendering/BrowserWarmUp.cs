using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Starts the renderer's browsers and pages with the process, and keeps readiness
/// (<c>/health/ready</c>) false until they are up: the first poster is then as fast as the tenth
/// instead of paying for Chromium's launch. A warm-up that failed is tried again by the next check.
/// </summary>
public sealed class BrowserWarmUp(ChromiumPosterRenderer renderer, ILogger<BrowserWarmUp> logger) : IHostedService, IHealthCheck
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock starting = new();
    private Task? warming;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = warming ?? Start();
        if (current.IsCompletedSuccessfully) return Task.FromResult(HealthCheckResult.Healthy());
        if (current.IsCompleted)
        {
            Start();
            return Task.FromResult(HealthCheckResult.Unhealthy($"Chromium did not start: {current.Exception?.GetBaseException().Message}"));
        }
        return Task.FromResult(HealthCheckResult.Unhealthy("Chromium is starting."));
    }

    private Task Start()
    {
        lock (starting)
        {
            if (warming is { IsCompleted: false } or { IsCompletedSuccessfully: true }) return warming;
            warming = WarmUpAsync();
            return warming;
        }
    }

    private async Task WarmUpAsync()
    {
        try
        {
            await renderer.WarmUpAsync(stopping.Token);
            logger.LogInformation("Chromium is ready");
        }
        catch (Exception exception) when (exception is RenderException or OperationCanceledException)
        {
            logger.LogWarning(exception, "Chromium warm-up failed; readiness will try again");
            throw;
        }
    }
}
