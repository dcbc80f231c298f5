using System.Buffers.Binary;
using System.IO.Compression;

namespace PosterGen.Tests.Support;

/// <summary>
/// Reads what the tests need from a PNG without an imaging library: the signature, the IHDR size
/// and, for 8-bit RGB(A) files such as Chromium writes, the pixels; and writes solid-colour PNGs.
/// </summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static bool IsPng(byte[] bytes) => bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(Signature)
        && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8);

    public static (int Width, int Height) Size(byte[] bytes)
    {
        if (!IsPng(bytes)) throw new AssertionException("Not a PNG.");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    /// <summary>The pixels of a non-interlaced 8-bit RGB or RGBA PNG.</summary>
    public static PngImage Decode(byte[] bytes)
    {
        var (width, height) = Size(bytes);
        var channels = bytes[25] switch { 2 => 3, 6 => 4, _ => throw new AssertionException($"Colour type {bytes[25]} is not RGB(A).") };
        if (bytes[24] != 8 || bytes[28] != 0) throw new AssertionException("Only 8-bit, non-interlaced PNGs are read here.");

        using var compressed = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at, 4));
            if (bytes.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8)) compressed.Write(bytes, at + 8, length);
            at += 12 + length;
        }
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();

        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int left = x >= channels ? pixels[y * stride + x - channels] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                pixels[y * stride + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new AssertionException($"Unknown PNG filter {filter}."),
                });
            }
        }
        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>The PNG as an item value: a <c>data:image/png</c> URI.</summary>
    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> PNG of one colour.</summary>
    public static byte[] Solid(int width, int height, byte red, byte green, byte blue)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + width * 3];
            for (var x = 0; x < width; x++) (row[1 + x * 3], row[2 + x * 3], row[3 + x * 3]) = (red, green, blue);
            for (var y = 0; y < height; y++) zlib.Write(row);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2);
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, raw.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var crc = 0xFFFFFFFFu;
        foreach (var b in type) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        png.Write(number);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
