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
