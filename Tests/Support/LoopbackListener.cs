using System.Net;
using System.Net.Sockets;

namespace PosterGen.Tests.Support;

/// <summary>A TCP listener on 127.0.0.1 that counts connections: a page or fetch that must not reach loopback leaves it at zero.</summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int connections;

    public LoopbackListener()
    {
        listener.Start();
        _ = CountConnectionsAsync(stop.Token);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref connections);

    private async Task CountConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        stop.Dispose();
    }
}
