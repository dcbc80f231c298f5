using PosterGen.Consumers.Rendering;

namespace PosterGen.Tests.Templates;

public class PlaceholderExtractorTests
{
    private static Dictionary<string, bool> Extract(string html, string? css = null) =>
        PlaceholderExtractor.Extract(html, css).ToDictionary(p => p.Name, p => p.Required);

    [Test]
    public void Plain_and_raw_placeholders_are_required_in_order_of_appearance()
    {
        var found = PlaceholderExtractor.Extract("<h1>{{ title }}</h1><div>{{{body}}}</div><p>{{title}}</p>", null);

        Assert.That(found.Select(p => (p.Name, p.Required)), Is.EqualTo(new[] { ("title", true), ("body", true) }));
    }

    [Test]
    public void A_name_only_tested_or_used_inside_a_condition_is_optional()
    {
        var found = Extract("{{#if logo}}<img src=\"{{logo}}\"><b>{{badge}}</b>{{/if}}{{#unless hide}}x{{/unless}}");

        Assert.That(found, Is.EquivalentTo(new Dictionary<string, bool> { ["logo"] = false, ["badge"] = false, ["hide"] = false }));
    }

    [Test]
    public void A_name_used_both_inside_and_outside_a_condition_is_required()
    {
        Assert.That(Extract("{{#if name}}Hi {{name}}{{/if}} <p>{{name}}</p>")["name"], Is.True);
    }

    [Test]
    public void Names_inside_each_belong_to_the_items_and_comments_and_keywords_are_skipped()
    {
        var found = Extract("{{! a note }}{{#each rows}}<li>{{label}} {{this}}</li>{{else}}none{{/each}}{{total}}");

        Assert.That(found, Is.EquivalentTo(new Dictionary<string, bool> { ["rows"] = false, ["total"] = true }));
    }

    [Test]
    public void Placeholders_in_css_count_too()
    {
        Assert.That(Extract("<div></div>", ".poster { color: {{accent}}; }"), Does.ContainKey("accent"));
    }

    [Test]
    public void A_helper_call_needs_its_arguments_not_its_name()
    {
        var found = Extract("<img src=\"{{qr link}}\">{{#if coupon}}{{qr coupon.url}}{{else if fallback}}none{{/if}}");

        Assert.That(found, Is.EquivalentTo(new Dictionary<string, bool> { ["link"] = true, ["coupon"] = false, ["coupon.url"] = false, ["fallback"] = false }));
    }

    [Test]
    public void Values_in_src_and_css_url_are_image_placeholders_and_other_uses_are_not()
    {
        var images = PlaceholderExtractor.ImagePlaceholders(
            "<img class=\"logo\" src=\"{{logo}}\"><img src='{{{ user.avatar }}}'><div style=\"background:url({{bg}})\"></div>" +
            "<img src=\"{{qr link}}\"><img alt=\"{{caption}}\"><a href=\"{{website}}\">{{title}}</a>",
            ".hero { background-image: url('{{hero}}'); }");

        Assert.That(images, Is.EquivalentTo(new[] { "logo", "user.avatar", "bg", "hero" }));
    }
}
