using System.Text.Json;
using PosterGen.Tests.Support;
using static PosterGen.Tests.Support.DmLetterCanvas;

namespace PosterGen.Tests.Api;

/// <summary>Fabric.js canvas templates through the HTTP API: uploaded as fabric_json, generated as posters.</summary>
public class FabricTemplatesApiTests : EmbeddedServiceFixture
{
    private async Task<JsonElement> UploadAsync(string section, string canvas, object? mappings = null, object? sampleData = null)
    {
        var response = await Client.PostJsonAsync("/api/templates", new
        {
            section,
            name = $"{section} letter",
            fabric_json = Element(canvas),
            variable_mappings = mappings,
            sample_data = sampleData,
            width = Width,
            height = Height,
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<PngImage> GenerateAsync(string key, object data)
    {
        var response = await Client.PostJsonAsync("/api/generate", new { template_id = key, custom_data = data });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var poster = await response.ReadJsonAsync();
        return Png.Decode(await Client.GetByteArrayAsync(poster.GetProperty("url").GetString()));
    }

    private static Dictionary<string, bool> Placeholders(JsonElement version) =>
        version.GetProperty("placeholders").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("required").GetBoolean());

    [Test]
    public async Task A_dm_letter_uploaded_as_fabric_json_renders_its_rectangles_and_the_values_as_text()
    {
        var uploaded = await UploadAsync("dm-letter", WithPlaceholders());
        await UploadAsync("dm-letter-typed", Json("Dear Ada,", "Two for one"));

        Assert.That(Placeholders(uploaded), Is.EquivalentTo(new Dictionary<string, bool> { ["name"] = true, ["offer"] = true }));
        var poster = await GenerateAsync("dm-letter", new { name = "Ada", offer = "Two for one" });
        var typed = await GenerateAsync("dm-letter-typed", new { });

        Assert.That((poster.Width, poster.Height), Is.EqualTo((Width, Height)));
        Assert.That(poster.IsNear(Red.Centre.X, Red.Centre.Y, (255, 0, 0)), Is.True, $"red: {poster.Pixel(Red.Centre.X, Red.Centre.Y)}");
        Assert.That(poster.IsNear(Blue.Centre.X, Blue.Centre.Y, (0, 0, 255)), Is.True, $"blue: {poster.Pixel(Blue.Centre.X, Blue.Centre.Y)}");
        Assert.That(Greeting.DarkPixels(poster), Is.GreaterThan(100));
        Assert.That(poster.Pixels, Is.EqualTo(typed.Pixels), "the values are drawn as if typed into the letter");
    }

    [Test]
    public async Task Variable_mappings_fill_objects_by_index_and_their_fields_are_required()
    {
        var uploaded = await UploadAsync("dm-mapped", Json("Dear customer,", "Our offer"),
            mappings: new[] { new { @object = 2, field = "greeting" }, new { @object = 3, field = "deal" } });
        await UploadAsync("dm-mapped-typed", Json("Hello Grace", "Half price"));

        Assert.That(Placeholders(uploaded), Is.EquivalentTo(new Dictionary<string, bool> { ["greeting"] = true, ["deal"] = true }));
        Assert.That(uploaded.GetProperty("variable_mappings").GetRawText(), Is.EqualTo("""[{"object":2,"field":"greeting"},{"object":3,"field":"deal"}]"""));
        var poster = await GenerateAsync("dm-mapped", new { greeting = "Hello Grace", deal = "Half price" });
        var typed = await GenerateAsync("dm-mapped-typed", new { });
        Assert.That(poster.Pixels, Is.EqualTo(typed.Pixels));

        var missing = await Client.PostJsonAsync("/api/generate", new { template_id = "dm-mapped", custom_data = new { greeting = "Hi" } });
        Assert.That((int)missing.StatusCode, Is.EqualTo(400));
        var errors = (await missing.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "custom_data.deal" }), errors.ToString());
    }

    [Test]
    public async Task A_missing_required_placeholder_is_a_400_naming_it_unless_a_sample_was_given()
    {
        await UploadAsync("dm-required", WithPlaceholders());
        var sampled = await UploadAsync("dm-sampled", WithPlaceholders(), sampleData: new { offer = "Free delivery" });

        var response = await Client.PostJsonAsync("/api/generate", new { template_id = "dm-required", custom_data = new { offer = "x" } });
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "custom_data.name" }), errors.ToString());
        Assert.That(errors.GetProperty("custom_data.name")[0].GetString(), Does.Contain("'name' is required"));

        Assert.That(Placeholders(sampled), Is.EquivalentTo(new Dictionary<string, bool> { ["name"] = true, ["offer"] = false }));
        Assert.That(Body.DarkPixels(await GenerateAsync("dm-sampled", new { name = "Ada" })), Is.Zero, "an optional text left out draws nothing");
    }

    [Test]
    public async Task An_image_src_placeholder_takes_only_what_html_image_placeholders_take()
    {
        var logo = new Box(450, 300, 100, 80);
        await UploadAsync("dm-logo", WithPlaceholders(Image(logo, "{{logo}}")));

        var refused = await Client.PostJsonAsync("/api/generate", new
        {
            template_id = "dm-logo", custom_data = new { name = "Ada", offer = "x", logo = "http://127.0.0.1:9/logo.png" },
        });
        Assert.That((int)refused.StatusCode, Is.EqualTo(400));
        var errors = (await refused.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("custom_data.logo")[0].GetString(), Does.Contain("shown as an image"), errors.ToString());

        var poster = await GenerateAsync("dm-logo", new { name = "Ada", offer = "x", logo = Png.DataUri(Png.Solid(logo.Width, logo.Height, 0, 160, 0)) });
        Assert.That(poster.IsNear(logo.Centre.X, logo.Centre.Y, (0, 160, 0)), Is.True, $"logo: {poster.Pixel(logo.Centre.X, logo.Centre.Y)}");
    }

    [Test]
    public async Task The_template_detail_gives_the_canvas_back_as_json_and_no_html()
    {
        var canvas = WithPlaceholders();
        await UploadAsync("dm-detail", canvas, mappings: new[] { new { @object = 3, field = "offer" } });

        var detail = await (await Client.GetAsync("/api/templates/dm-detail")).ReadJsonAsync();

        Assert.That(detail.GetProperty("html_content").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(detail.GetProperty("fabric_json").GetRawText(), Is.EqualTo(canvas));
        Assert.That(detail.GetProperty("versions")[0].GetProperty("variable_mappings")[0].GetProperty("object").GetInt32(), Is.EqualTo(3));
    }

    private static IEnumerable<TestCaseData> BadCanvases()
    {
        yield return new TestCaseData("5", "fabric_json", "the canvas JSON object") { TestName = "fabric_json that is a number is refused" };
        yield return new TestCaseData("\"[1, 2]\"", "fabric_json", "'objects' array") { TestName = "fabric_json that is not an object is refused" };
        yield return new TestCaseData("""{"version":"7.4.0","background":"#fff"}""", "fabric_json", "'objects' array")
            { TestName = "fabric_json without an objects array is refused" };
        yield return new TestCaseData("""{"objects":[{"type":"Text","text":"{{#if x}}open"}]}""", "fabric_json", "objects[0].text")
            { TestName = "fabric_json whose text does not compile is refused naming the object" };
    }

    [TestCaseSource(nameof(BadCanvases))]
    public async Task Bad_fabric_json_is_a_400_naming_it(string fabricJson, string field, string reason)
    {
        var body = $$"""{"section":"bad-canvas","fabric_json":{{fabricJson}},"width":600,"height":400}""";
        var response = await Client.PostAsync("/api/templates", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty(field)[0].GetString(), Does.Contain(reason), errors.ToString());
        Assert.That((int)(await Client.GetAsync("/api/templates/bad-canvas")).StatusCode, Is.EqualTo(404), "nothing was stored");
    }

    [Test]
    public async Task A_canvas_of_unknown_size_is_refused_naming_fabric_json_and_the_missing_side()
    {
        var response = await Client.PostJsonAsync("/api/templates", new { section = "no-size", fabric_json = Element(WithPlaceholders()), height = 400 });

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("width")[0].GetString(), Does.Contain("required with fabric_json"), errors.ToString());
    }

    [Test]
    public async Task Html_and_a_canvas_together_or_mappings_onto_what_is_not_text_or_image_are_refused()
    {
        var both = await Client.PostJsonAsync("/api/templates", new
        {
            section = "both", html_content = "<p>{{x}}</p>", fabric_json = Element(WithPlaceholders()), width = Width, height = Height,
        });
        var mapped = await Client.PostJsonAsync("/api/templates", new
        {
            section = "mapped-badly", fabric_json = Element(WithPlaceholders()), width = Width, height = Height,
            variable_mappings = new object[] { new { @object = 0, field = "name" }, new { @object = 9, field = "name" }, new { @object = 2, field = "bad name!" } },
        });

        Assert.That((int)both.StatusCode, Is.EqualTo(400));
        Assert.That((await both.ReadJsonAsync()).GetProperty("errors").TryGetProperty("fabric_json", out _), Is.True);
        Assert.That((int)mapped.StatusCode, Is.EqualTo(400));
        var errors = (await mapped.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("variable_mappings[0].object")[0].GetString(), Does.Contain("only text and image objects"));
        Assert.That(errors.GetProperty("variable_mappings[1].object")[0].GetString(), Does.Contain("out of range"));
        Assert.That(errors.TryGetProperty("variable_mappings[2].field", out _), Is.True, errors.ToString());
    }
}
