namespace PosterGen.Api.Downloads;

/// <summary>
/// A write-only stream over the response body that accepts the few synchronous writes
/// <see cref="System.IO.Compression.ZipArchive"/> still makes when an entry closes (its data
/// descriptor, a few bytes): they are held and sent with the next asynchronous write or flush,
/// as the server refuses synchronous writes to a response.
/// </summary>
public sealed class SyncTolerantStream(Stream inner) : Stream
{
    private readonly MemoryStream held = new();
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        held.Write(buffer, offset, count);
        written += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    /// <summary>Synchronous flushes are ZipArchive's too; what they would send goes with the next asynchronous write.</summary>
    public override void Flush()
    {
    }

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (held.Length == 0) return;
        await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
        held.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
