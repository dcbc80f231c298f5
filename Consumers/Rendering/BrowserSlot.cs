using Microsoft.Extensions.Logging;
using PosterGen.Consumers.Telemetry;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// One of the render process's browsers: launched on first use, replaced after
/// <c>Render:RecycleAfter</c> of its renders or after a crash, independently of the others.
/// </summary>
internal sealed class BrowserSlot(int index, Func<Task<BrowserSession>> launch, ILogger logger)
{
    private readonly SemaphoreSlim launching = new(1);
    private BrowserSession? session;
    private bool retired;

    public int Index { get; } = index;

    public async Task<BrowserSession> CurrentAsync(int recycleAfter, CancellationToken cancellationToken)
    {
        var current = session;
        if (current is { IsUsable: true } && current.Renders < recycleAfter) return current;

        await launching.WaitAsync(cancellationToken);
        try
        {
            // A render that outlived the renderer's disposal is tried again elsewhere, not failed.
            if (retired) throw new RenderException("The renderer is shutting down.", isPermanent: false);
            if (session is { IsUsable: true } && session.Renders < recycleAfter) return session;
            if (session is not null)
            {
                logger.LogInformation("Replacing browser {Browser} after {Renders} renders (connected: {Connected})",
                    Index, session.Renders, session.Browser.IsConnected);
                PosterGenTelemetry.BrowserReplaced(crashed: !session.IsUsable);
                await session.RetireAsync();
            }
            session = await launch();
            return session;
        }
        finally
        {
            launching.Release();
        }
    }

    /// <summary>
    /// Retires the browser for good. A replacement still being launched is waited for and retired
    /// too: left alone, it would outlive this process as an orphaned Chromium.
    /// </summary>
    public async Task RetireAsync()
    {
        await launching.WaitAsync();
        try
        {
            retired = true;
            if (session is not null)
                await session.RetireAsync();
        }
        finally
        {
            launching.Release();
        }
    }
}
