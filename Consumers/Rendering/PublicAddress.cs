using System.Net;
using System.Net.Sockets;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Whether an address is on the public internet. Fetching images for a poster must never reach the
/// host itself, the cloud metadata service (169.254.169.254) or the private network behind it,
/// whatever name a URL uses: the check is on the address actually connected to.
/// </summary>
public static class PublicAddress
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return IsPublicV4(b);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || IPAddress.IPv6Loopback.Equals(address)
            || IPAddress.IPv6Any.Equals(address))
            return false;
        if ((b[0] & 0xFE) == 0xFC) return false;                                        // fc00::/7 unique local
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false;  // 2001:db8::/32 documentation
        // Addresses that carry an IPv4 address inside are as public as that address.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return IsPublicV4(b[12..]);   // ::a.b.c.d
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return IsPublicV4(b[12..]); // 64:ff9b::/96 NAT64
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]);                    // 2002::/16 6to4
        return true;
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224                       // this network, private, loopback, multicast and reserved
        || (b[0] == 100 && (b[1] & 0xC0) == 64)                // 100.64.0.0/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                        // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)                // 172.16.0.0/12
        || (b[0] == 192 && b[1] == 168)                        // 192.168.0.0/16
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)        // IETF protocol assignments, documentation
        || (b[0] == 198 && (b[1] & 0xFE) == 18)                // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)          // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));         // documentation
}
