namespace PosterGen.Consumers.Rendering;

/// <summary>
/// A poster could not be rendered. Permanent failures (a broken template, unusable data) fail the
/// item at once; transient ones (a crashed or stuck page) are worth another attempt.
/// </summary>
public class RenderException(string reason, bool isPermanent, Exception? inner = null) : Exception(reason, inner)
{
    public bool IsPermanent { get; } = isPermanent;
}
