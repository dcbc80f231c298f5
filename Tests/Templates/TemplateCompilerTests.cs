using System.Text.Json;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Templates;

public class TemplateCompilerTests
{
    private readonly TemplateCompiler compiler = new();

    private string Fill(string html, object data, string? css = null, int version = 1) =>
        compiler.Fill(new PosterTemplate($"t{html.GetHashCode()}", version, html, css, 100, 100), JsonSerializer.SerializeToElement(data));

    [Test]
    public void Values_are_html_escaped()
    {
        var html = Fill("<p>{{name}}</p><img alt=\"{{name}}\">", new { name = "<img src=x onerror=alert(1)> \"quoted\" & 'single'" });

        Assert.That(html, Does.Not.Contain("<img src"));
        Assert.That(html, Does.StartWith("<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;quoted&quot; &amp; &#x27;single&#x27;</p>"));
        Assert.That(html, Does.EndWith("<img alt=\"&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;quoted&quot; &amp; &#x27;single&#x27;\">"));
    }

    [Test]
    public void Only_a_triple_stash_the_template_declares_inserts_markup()
    {
        Assert.That(Fill("<div>{{{body}}}</div>", new { body = "<b>bold</b>" }), Is.EqualTo("<div><b>bold</b></div>"));
    }

    [Test]
    public void Numbers_booleans_lists_and_nested_objects_reach_the_template()
    {
        var html = Fill("{{price}}|{{#if sale}}sale{{/if}}|{{#each tags}}[{{this}}]{{/each}}|{{shop.city}}",
            new { price = 9.5, sale = true, tags = new[] { "a", "b" }, shop = new { city = "Oslo" } });

        Assert.That(html, Is.EqualTo("9.5|sale|[a][b]|Oslo"));
    }

    [Test]
    public void Css_goes_into_the_head_when_there_is_one()
    {
        Assert.That(Fill("<html><head></head><body>x</body></html>", new { }, css: "p{}"),
            Is.EqualTo("<html><head><style>p{}</style></head><body>x</body></html>"));
        Assert.That(Fill("<p>x</p>", new { }, css: "p{}"), Is.EqualTo("<style>p{}</style><p>x</p>"));
    }

    [Test]
    public void A_template_that_does_not_compile_is_a_permanent_failure()
    {
        var exception = Assert.Throws<RenderException>(() => Fill("{{#if x}}never closed", new { x = true }));

        Assert.That(exception!.IsPermanent, Is.True);
        Assert.That(exception.Message, Does.Contain("does not compile"));
    }

    [Test]
    public void The_qr_helper_writes_an_svg_data_uri_of_the_value()
    {
        var html = Fill("<img src=\"{{qr link}}\">", new { link = "https://example.com/o/42?a=1&b=2" });

        var uri = html["<img src=\"".Length..^"\">".Length];
        Assert.That(uri, Does.StartWith("data:image/svg+xml;base64,"));
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(uri["data:image/svg+xml;base64,".Length..]));
        Assert.That(svg, Does.Contain("<svg").And.Contain("viewBox"));
        var modules = System.Text.RegularExpressions.Regex.Match(svg, "<path[^>]* d=\"(?<d>[^\"]+)\"").Groups["d"].Value;
        Assert.That(modules.Count(c => c == 'M'), Is.GreaterThan(50), "the code's dark modules are drawn");
    }

    [Test]
    public void The_qr_helper_writes_nothing_for_a_missing_value_and_refuses_one_too_long_to_scan()
    {
        Assert.That(Fill("<img src=\"{{qr link}}\">", new { }), Is.EqualTo("<img src=\"\">"));

        var tooLong = Assert.Throws<RenderException>(() => Fill("<img src=\"{{qr link}}\">", new { link = new string('x', QrCodes.MaxLength + 1) }));
        Assert.That(tooLong!.IsPermanent, Is.True);
    }

    [Test]
    public void Asset_urls_carry_the_content_hash_so_a_reused_page_never_shows_another_files_bytes()
    {
        var template = new PosterTemplate("pinned", 1,
            "<img src=\"https://assets.postergen.invalid/logo.png\"><img src=\"https://assets.postergen.invalid/logo.png?x=1\">" +
            "<img src=\"https://assets.postergen.invalid/logo.png.png\"><img src=\"{{other}}\">", null, 100, 100)
        {
            Assets = [new PosterAsset("logo.png", "image/png", "k", "abc123")],
        };

        var html = compiler.Fill(template, JsonSerializer.SerializeToElement(new { other = "https://assets.postergen.invalid/logo.png" }));

        Assert.That(html, Is.EqualTo(
            "<img src=\"https://assets.postergen.invalid/logo.png?sha256=abc123\"><img src=\"https://assets.postergen.invalid/logo.png?sha256=abc123&x=1\">" +
            "<img src=\"https://assets.postergen.invalid/logo.png.png\"><img src=\"https://assets.postergen.invalid/logo.png?sha256=abc123\">"));
    }
}
