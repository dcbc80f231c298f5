using System.Buffers.Binary;
using System.IO.Compression;

namespace PosterGen.Api.Downloads;

/// <summary>
/// A poster image as a PDF image XObject. JPEG is embedded as it is (DCTDecode) and an opaque
/// 8-bit PNG keeps its compressed rows (FlateDecode with the PNG predictor), so most posters are
/// copied, not decoded; PNGs with alpha are decoded once to split colour and soft mask.
/// </summary>
public sealed record PdfImage(int Width, int Height, string Dictionary, byte[] Data, PdfImage? SoftMask = null)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PdfImage From(byte[] bytes) =>
        bytes.AsSpan().StartsWith(PngSignature) ? FromPng(bytes)
        : bytes is [0xFF, 0xD8, ..] ? FromJpeg(bytes)
        : throw new NotSupportedException("Only PNG and JPEG posters can be placed on PDF pages.");

    private static PdfImage FromJpeg(byte[] bytes)
    {
        // Walk the markers to the frame header (SOF0..SOF15 but DHT, JPG and DAC), which holds the size.
        for (var at = 2; at + 9 < bytes.Length;)
        {
            if (bytes[at] != 0xFF) { at++; continue; }
            var marker = bytes[at + 1];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7) or 0xFF) { at += marker == 0xFF ? 1 : 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 5));
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 7));
                var colorSpace = bytes[at + 9] switch
                {
                    1 => "/DeviceGray",
                    3 => "/DeviceRGB",
                    _ => "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]",
                };
                return new PdfImage(width, height,
                    $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colorSpace} /BitsPerComponent 8 /Filter /DCTDecode",
                    bytes);
            }
            at += 2 + length;
        }
        throw new InvalidDataException("The JPEG has no frame header.");
    }

    private static PdfImage FromPng(byte[] bytes)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        var (bitDepth, colorType, interlaced) = (bytes[24], bytes[25], bytes[28] != 0);
        if (bitDepth != 8 || interlaced || colorType is not (0 or 2 or 4 or 6))
            throw new NotSupportedException($"PNG posters are placed on PDF pages when 8-bit, not interlaced, grey or RGB (this one: {bitDepth}-bit, colour type {colorType}).");

        var compressed = ImageData(bytes);
        var colors = colorType is 0 or 4 ? 1 : 3;
        var colorSpace = colors == 1 ? "/DeviceGray" : "/DeviceRGB";
        if (colorType is 0 or 2)
            return new PdfImage(width, height,
                $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colorSpace} /BitsPerComponent 8 /Filter /FlateDecode " +
                $"/DecodeParms << /Predictor 15 /Colors {colors} /BitsPerComponent 8 /Columns {width} >>",
                compressed);

        var pixels = PngRows.Unfilter(Inflate(compressed), width, height, colors + 1);
        var (color, alpha, opaque) = Split(pixels, colors);
        var image = $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colorSpace} /BitsPerComponent 8 /Filter /FlateDecode";
        return opaque
            ? new PdfImage(width, height, image, Deflate(color))
            : new PdfImage(width, height, image, Deflate(color), new PdfImage(width, height,
                $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                Deflate(alpha)));
    }

    /// <summary>The IDAT chunks joined: one zlib stream.</summary>
    private static byte[] ImageData(byte[] bytes)
    {
        using var data = new MemoryStream();
        for (var at = 8; at + 8 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (bytes.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8)) data.Write(bytes, at + 8, length);
            at += 12 + length;
        }
        return data.ToArray();
    }

    private static (byte[] Color, byte[] Alpha, bool Opaque) Split(byte[] pixels, int colors)
    {
        var count = pixels.Length / (colors + 1);
        var color = new byte[count * colors];
        var alpha = new byte[count];
        var opaque = true;
        for (var i = 0; i < count; i++)
        {
            pixels.AsSpan(i * (colors + 1), colors).CopyTo(color.AsSpan(i * colors));
            alpha[i] = pixels[i * (colors + 1) + colors];
            opaque &= alpha[i] == 255;
        }
        return (color, alpha, opaque);
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        zlib.CopyTo(inflated);
        return inflated.ToArray();
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(raw);
        return deflated.ToArray();
    }
}
