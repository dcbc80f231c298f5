using NetVips;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// <c>options.png_compression</c>. Chromium encodes screenshots on its browser process's main
/// thread, one at a time per browser; its default encoding costs about twice its fast one and
/// makes files about half the size. <c>small</c> keeps the fast capture and re-encodes it with
/// libvips on a pool thread, after the page is back in the pool: zlib level 4 with the Sub filter
/// on every row was the best trade measured on the benchmark poster (0.85x the bytes of Chromium's
/// default encoding, for about a fifth of the time that encoding adds to a fast capture; trying all
/// five filters per row cost twice as much for no fewer bytes). Lossless: the pixels are those of the capture.
/// </summary>
public static class PngCompression
{
    public const string Fast = "fast";
    public const string Small = "small";
    public static readonly string[] Names = [Fast, Small];

    private const int ZlibLevel = 4;

    static PngCompression() =>
        // Every poster is a new image: libvips' operation cache would only keep their buffers alive.
        Cache.Max = 0;

    public static bool IsSmall(string name) => string.Equals(name, Small, StringComparison.OrdinalIgnoreCase);

    /// <summary>The PNG <paramref name="png"/> again, smaller, with the same pixels.</summary>
    public static byte[] Shrink(byte[] png)
    {
        try
        {
            using var image = Image.NewFromBuffer(png, access: Enums.Access.Sequential);
            return image.PngsaveBuffer(compression: ZlibLevel, filter: Enums.ForeignPngFilter.Sub, keep: Enums.ForeignKeep.None);
        }
        catch (VipsException exception)
        {
            throw new RenderException($"The PNG could not be re-encoded: {exception.Message.Split('\n')[0]}", isPermanent: false, exception);
        }
    }
}
