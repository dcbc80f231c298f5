using System.Buffers.Binary;

namespace PosterGen.Tests.Support;

/// <summary>Reads what the tests need from a PNG without an imaging library: the signature and IHDR size.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(byte[] bytes) => bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(Signature)
        && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8);

    public static (int Width, int Height) Size(byte[] bytes)
    {
        if (!IsPng(bytes)) throw new AssertionException("Not a PNG.");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
