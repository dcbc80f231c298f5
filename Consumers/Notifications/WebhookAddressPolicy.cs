using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Consumers.Notifications;

/// <summary>
/// Which webhook URLs PosterGen will call: absolute http(s) URLs whose host resolves only to public
/// addresses (<see cref="PublicAddress"/>), unless <c>Webhooks:AllowPrivateNetworks</c>. Checked
/// when a job is submitted; the sender checks again on every connection (<see cref="PublicAddressConnector"/>).
/// </summary>
public class WebhookAddressPolicy(IOptions<WebhookOptions> options)
{
    /// <summary>Why <paramref name="url"/> is refused, or null when it may be called.</summary>
    public async Task<string?> RefuseAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "webhook_url must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "webhook_url must not carry a user name or password.";
        if (options.Value.AllowPrivateNetworks)
            return null;

        try
        {
            var addresses = await PublicAddressConnector.ResolveAsync(uri.IdnHost, cancellationToken);
            var inside = addresses.Where(a => !PublicAddress.IsPublic(a)).ToList();
            return addresses.Length == 0 ? $"webhook_url's host {uri.Host} does not resolve."
                : inside.Count > 0 ? $"webhook_url's host {uri.Host} resolves to {string.Join(", ", inside)}, a loopback, link-local or private address; PosterGen only calls public addresses."
                : null;
        }
        catch (SocketException)
        {
            return $"webhook_url's host {uri.Host} does not resolve.";
        }
    }
}
