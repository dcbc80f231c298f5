using System.Net;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Rendering;

public class PublicAddressTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.8.9.10")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("ff02::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::10.0.0.1")]
    [TestCase("2002:0a00:0001::1")]
    public void Loopback_link_local_private_and_reserved_addresses_are_not_public(string address)
    {
        Assert.That(PublicAddress.IsPublic(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("93.184.215.14")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    public void Internet_addresses_are_public(string address)
    {
        Assert.That(PublicAddress.IsPublic(IPAddress.Parse(address)), Is.True);
    }
}
