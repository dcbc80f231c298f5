using System.Net;
using System.Net.Sockets;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to public addresses
/// (<see cref="PublicAddress"/>), checked on the addresses the name resolves to at the moment of
/// connecting, so a name rebound to loopback or a private range after an earlier check is refused.
/// </summary>
public static class PublicAddressConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(PublicAddress.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new NonPublicAddressException($"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not a public address");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of a host name, or the address itself when it is one.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}
