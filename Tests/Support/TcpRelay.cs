using System.Net;
using System.Net.Sockets;

namespace PosterGen.Tests.Support;

/// <summary>
/// A loopback port that stands for a server which is down until <see cref="Open"/>: before, nothing
/// listens on it (connections are refused, as by a stopped server); after, every connection is relayed
/// to the real server. A test can so start a process against a database that is not up yet without
/// stopping the database the other tests share.
/// </summary>
public sealed class TcpRelay(string targetHost, int targetPort) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private TcpListener? listener;

    public int Port { get; } = FreePort();

    public void Open()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = AcceptAsync(listener, stop.Token);
    }

    private async Task AcceptAsync(TcpListener accepting, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await accepting.AcceptTcpClientAsync(cancellationToken);
                _ = RelayAsync(client, cancellationToken);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(targetHost, targetPort, cancellationToken);
                var clientStream = client.GetStream();
                var serverStream = server.GetStream();
                await Task.WhenAny(clientStream.CopyToAsync(serverStream, cancellationToken), serverStream.CopyToAsync(clientStream, cancellationToken));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException) { }
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener?.Stop();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
