using PuppeteerSharp;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// What one reused page is rendering, for its request routing: the template whose assets it may
/// load, and the first asset or image that could not be had, which fails the render with a reason
/// instead of a poster silently missing its font or logo.
/// </summary>
public sealed class PageRequests(RequestRouter router)
{
    private PosterTemplate? template;
    private RenderException? failure;

    public PosterTemplate? Template => Volatile.Read(ref template);

    public void Begin(PosterTemplate current)
    {
        Volatile.Write(ref template, current);
        Volatile.Write(ref failure, null);
    }

    public void Fail(RenderException reason) => Interlocked.CompareExchange(ref failure, reason, null);

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref failure) is { } reason) throw reason;
    }

    /// <summary>The page's request handler: every request is answered, none is left waiting.</summary>
    public void OnRequest(object? sender, RequestEventArgs e) => _ = router.RouteAsync(e.Request, this);
}
