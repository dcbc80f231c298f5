using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Rendering;

public class RequestPolicyTests
{
    private readonly RequestPolicy policy = new(Options.Create(new ImageHostOptions { AllowedHosts = ["cdn.example.com", "*.images.example.org"] }));

    [TestCase("data:image/png;base64,iVBORw0KGgo=", RequestKind.Inline)]
    [TestCase("about:blank", RequestKind.Inline)]
    [TestCase("https://assets.postergen.invalid/brand.woff2", RequestKind.TemplateAsset)]
    [TestCase("https://assets.postergen.invalid:8443/brand.woff2", RequestKind.Blocked)]
    [TestCase("http://assets.postergen.invalid/brand.woff2", RequestKind.Blocked)]
    [TestCase("https://cdn.example.com/logo.png", RequestKind.AllowedImage)]
    [TestCase("https://a.images.example.org/logo.png", RequestKind.AllowedImage)]
    [TestCase("https://images.example.org.evil.com/logo.png", RequestKind.Blocked)]
    [TestCase("https://user:pass@cdn.example.com/logo.png", RequestKind.Blocked)]
    [TestCase("http://cdn.example.com/logo.png", RequestKind.Blocked)]
    [TestCase("file:///etc/passwd", RequestKind.Blocked)]
    [TestCase("http://127.0.0.1/", RequestKind.Blocked)]
    public void Requests_are_classified_by_scheme_and_host(string url, RequestKind expected)
    {
        Assert.That(policy.Classify(new Uri(url)), Is.EqualTo(expected));
    }

    [TestCase("data:image/png;base64,iVBORw0KGgo=")]
    [TestCase("data:image/svg+xml;utf8,<svg></svg>")]
    [TestCase("https://cdn.example.com/logo.png")]
    [TestCase("https://assets.postergen.invalid/logo.png")]
    [TestCase("")]
    public void Data_uris_asset_urls_and_allowed_hosts_are_images(string value)
    {
        Assert.That(policy.RefuseAsImage(value), Is.Null);
    }

    [TestCase("data:text/html,<script>alert(1)</script>", "data:image")]
    [TestCase("https://evil.example/x.png", "Render:Images:AllowedHosts")]
    [TestCase("http://cdn.example.com/logo.png", "https")]
    [TestCase("javascript:alert(1)", "https")]
    [TestCase("file:///etc/passwd", "https")]
    [TestCase("logo.png", "https")]
    public void Anything_else_is_refused_with_a_reason(string value, string reason)
    {
        Assert.That(policy.RefuseAsImage(value), Does.Contain(reason));
    }
}
