using Microsoft.Extensions.Options;
using PosterGen.Consumers.Rendering;
using PosterGen.Persistence.Entities;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Templates;

public class FabricCanvasTests
{
    private const string Grouped = """
        {"version":"7.4.0","objects":[
          {"type":"Rect","left":0,"top":0,"width":10,"height":10,"fill":"#f00"},
          {"type":"Group","objects":[
            {"type":"Textbox","text":"Hi {{ owner.name }}{{#if tagline}}, {{tagline}}{{/if}}"},
            {"type":"Image","src":"{{photo}}"}]},
          {"type":"IText","text":"{{title}}"},
          {"type":"Image","src":"https://assets.postergen.invalid/badge.png"}]}
        """;

    private static FabricCanvas Parse(string json) =>
        FabricCanvas.Parse(json, out var error) ?? throw new AssertionException(error!);

    [Test]
    public void Placeholders_in_text_and_image_src_are_found_inside_groups_too_with_the_html_rules()
    {
        var found = Parse(Grouped).Placeholders([]);

        Assert.That(found.Select(p => (p.Name, p.Required)),
            Is.EqualTo(new[] { ("owner.name", true), ("tagline", false), ("photo", true), ("title", true) }));
    }

    [Test]
    public void A_mapped_field_is_required_and_one_mapped_onto_an_image_is_an_image()
    {
        var canvas = Parse(Grouped);
        IReadOnlyList<VariableMapping> mappings = [new(2, "headline"), new(3, "tagline")];

        Assert.That(canvas.Placeholders(mappings).Where(p => p.Required).Select(p => p.Name),
            Is.EquivalentTo(new[] { "owner.name", "photo", "title", "headline", "tagline" }));
        Assert.That(canvas.ImagePlaceholders(mappings), Is.EquivalentTo(new[] { "photo", "tagline" }));
        Assert.That((canvas.ShowsText(0), canvas.ShowsText(2), canvas.ShowsText(3)), Is.EqualTo(((bool?)null, (bool?)true, (bool?)false)));
    }

    [Test]
    public void The_dm_letter_has_two_text_placeholders()
    {
        var found = Parse(DmLetterCanvas.WithPlaceholders()).Placeholders([]);

        Assert.That(found.Select(p => p.Name), Is.EqualTo(new[] { "name", "offer" }));
    }

    [TestCase("[1, 2]", "an object with an 'objects' array")]
    [TestCase("""{"version":"7.4.0"}""", "an object with an 'objects' array")]
    [TestCase("""{"objects":{}}""", "an object with an 'objects' array")]
    [TestCase("""{"objects":[{"text":"no type"}]}""", "objects[0] must be an object with a 'type'")]
    [TestCase("""{"objects":[{"type":"Group","objects":[7]}]}""", "objects[0].objects[0] must be an object")]
    [TestCase("""{"objects":[""", "not valid JSON")]
    public void What_is_not_a_canvas_is_refused_with_where(string json, string reason)
    {
        Assert.That(FabricCanvas.Parse(json, out var error), Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void Fabric_js_is_served_by_the_renderer_and_never_from_a_cdn()
    {
        var policy = new RequestPolicy(Options.Create(new ImageHostOptions()));

        Assert.That(policy.Classify(new Uri(FabricLibrary.Url)), Is.EqualTo(RequestKind.RendererScript));
        Assert.That(policy.Classify(new Uri("https://cdn.jsdelivr.net/npm/fabric@7.4.0/dist/index.min.js")), Is.EqualTo(RequestKind.Blocked));
        Assert.That(policy.Classify(new Uri("https://unpkg.com/fabric@7.4.0/dist/index.min.js")), Is.EqualTo(RequestKind.Blocked));
        Assert.That(File.Exists(new FabricLibrary().ScriptPath), Is.True, "the build copies scripts/install-fabric.sh's bundle next to the renderer");
    }
}
