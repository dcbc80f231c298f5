namespace PosterGen.Contracts;

/// <summary>How every poster of a job is rendered.</summary>
/// <param name="Format">Output format: <c>png</c>, <c>jpeg</c>, <c>webp</c> or <c>pdf</c>.</param>
/// <param name="Quality">JPEG and WebP quality, 1-100; ignored for PNG and PDF.</param>
/// <param name="DeviceScaleFactor">Pixel density, 1-3: 2 makes a 1080x1080 template a 2160x2160 image.</param>
/// <param name="Priority">1 (first) to 10 (last); jobs of equal priority are served in order.</param>
/// <param name="PngCompression">
/// <c>fast</c> (Chromium's quick encoding, larger files) or <c>small</c> (re-encoded outside the
/// browser, about half the bytes); ignored for other formats.
/// </param>
public record RenderOptions(string Format = "png", int Quality = 90, double DeviceScaleFactor = 1, int Priority = 5, string PngCompression = "fast")
{
    /// <summary>PNG at scale 1, priority 5.</summary>
    public static RenderOptions Default { get; } = new();
}
