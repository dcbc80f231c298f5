using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PosterGen.Tests.Notifications;

/// <summary>The settings a service needs to sign webhooks and send mail to servers the test runs on loopback.</summary>
public static class NotificationSettings
{
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <param name="allowPrivateNetworks">The test's receivers are on loopback, which the default refuses.</param>
    public static Dictionary<string, string?> For(string secret, int smtpPort, bool allowPrivateNetworks = true) => new()
    {
        ["Webhooks:SigningSecret"] = secret,
        ["Webhooks:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
        ["Webhooks:FirstRetrySeconds"] = "1",
        ["Webhooks:TimeoutSeconds"] = "5",
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:From"] = "PosterGen <posters@example.com>",
        ["Email:UseTls"] = "false",
        ["Email:FirstRetrySeconds"] = "1",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
