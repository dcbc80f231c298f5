namespace PosterGen.Tests.Support;

/// <summary>Decoded pixels, row by row, <see cref="Channels"/> bytes each (RGB or RGBA).</summary>
public record PngImage(int Width, int Height, int Channels, byte[] Pixels)
{
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var at = (y * Width + x) * Channels;
        return (Pixels[at], Pixels[at + 1], Pixels[at + 2]);
    }

    /// <summary>True when the pixel is within <paramref name="tolerance"/> of the colour in every channel.</summary>
    public bool IsNear(int x, int y, (byte R, byte G, byte B) colour, int tolerance = 12)
    {
        var (r, g, b) = Pixel(x, y);
        return Math.Abs(r - colour.R) <= tolerance && Math.Abs(g - colour.G) <= tolerance && Math.Abs(b - colour.B) <= tolerance;
    }

    /// <summary>The pixels as 32-bit BGRA, the layout barcode readers take.</summary>
    public byte[] ToBgra32()
    {
        var bgra = new byte[Width * Height * 4];
        for (var i = 0; i < Width * Height; i++)
        {
            bgra[i * 4] = Pixels[i * Channels + 2];
            bgra[i * 4 + 1] = Pixels[i * Channels + 1];
            bgra[i * 4 + 2] = Pixels[i * Channels];
            bgra[i * 4 + 3] = 255;
        }
        return bgra;
    }
}
