namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Decides which requests a rendering page may make. Posters are self-contained: inline and
/// <c>data:</c> content only, so a template or a value can never reach the network, the host's
/// files, loopback or private addresses. Template assets and allow-listed hosts extend this.
/// </summary>
public class RequestPolicy
{
    public bool Allows(Uri url) => url.Scheme is "data" or "blob" || url.AbsoluteUri == "about:blank";
}
