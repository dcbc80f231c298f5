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

    public int Index { get; } = index;

    public async Task<BrowserSession> CurrentAsync(int recycleAfter, CancellationToken cancellationToken)
    {
        var current = session;
        if (current is { IsUsable: true } && current.Renders < recycleAfter) return current;

        await launching.WaitAsync(cancellationToken);
        try
        {
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

    public async Task RetireAsync()
    {
        if (session is not null)
            await session.RetireAsync();
    }
}
