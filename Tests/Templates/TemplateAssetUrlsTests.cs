using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Templates;

public class TemplateAssetUrlsTests
{
    [Test]
    public void The_assets_a_template_names_literally_are_found_in_its_html_and_css_and_placeholder_names_are_not()
    {
        const string html = """
            <img src="https://assets.postergen.invalid/logo.png"><img src="https://ASSETS.postergen.invalid/logo.png?v=2">
            <img src="https://assets.postergen.invalid/{{photo}}"><img src="https://assets.example.com/other.png">
            <img src="https://assets.postergen.invalid/my%20frame.png">
            """;
        const string css = "@font-face { font-family: Brand; src: url(https://assets.postergen.invalid/brand.woff2) format('woff2'); }";

        Assert.That(TemplateAssetUrls.NamesIn(html, css), Is.EquivalentTo(new[] { "logo.png", "my frame.png", "brand.woff2" }));
        Assert.That(TemplateAssetUrls.NamesIn("<p>{{x}}</p>", null), Is.Empty);
    }

    [Test]
    public void Pinned_urls_carry_the_assets_hash_and_keep_their_own_query()
    {
        var assets = new[] { new PosterAsset("logo.png", "image/png", "template-assets/t/1.png", "abc") };

        var pinned = TemplateAssetUrls.Pin("""<img src="https://assets.postergen.invalid/logo.png"><img src="https://assets.postergen.invalid/logo.png?v=2"><img src="https://assets.postergen.invalid/gone.png">""", assets);

        Assert.That(pinned, Is.EqualTo("""<img src="https://assets.postergen.invalid/logo.png?sha256=abc"><img src="https://assets.postergen.invalid/logo.png?sha256=abc&v=2"><img src="https://assets.postergen.invalid/gone.png">"""));
    }
}
