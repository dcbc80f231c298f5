namespace PosterGen.Consumers.Rendering;

/// <param name="Content">The encoded file.</param>
/// <param name="ContentType">Its media type, e.g. <c>image/png</c>.</param>
/// <param name="FileExtension">Without the dot, e.g. <c>png</c>.</param>
/// <param name="PixelWidth">Width in pixels (template width times the scale factor).</param>
/// <param name="PixelHeight">Height in pixels.</param>
public record RenderedPoster(byte[] Content, string ContentType, string FileExtension, int PixelWidth, int PixelHeight)
{
    /// <summary>What was rendered but not as designed, e.g. <c>text_overflow: #headline</c> (<see cref="TextFitting"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
