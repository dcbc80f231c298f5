using System.Text.Json;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

public class TemplatesApiTests : EmbeddedServiceFixture
{
    [Test]
    public async Task Upload_in_the_clients_shape_returns_key_version_and_extracted_placeholders()
    {
        var response = await Client.PostJsonAsync("/api/templates/upload", new
        {
            section = "testimonial",
            name = "Modern",
            html_content = "<div>{{name}}</div><p>{{quote}}</p>{{#if logo}}<img src=\"{{logo}}\">{{/if}}",
            css_content = "div { color: red; }",
            width = 1080,
            height = 1350,
            set_as_active = true,
        });

        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        var body = await response.ReadJsonAsync();
        Assert.That(body.GetProperty("key").GetString(), Is.EqualTo("testimonial"));
        Assert.That(body.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("height").GetInt32(), Is.EqualTo(1350));
        var placeholders = body.GetProperty("placeholders").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("required").GetBoolean());
        Assert.That(placeholders, Is.EquivalentTo(new Dictionary<string, bool> { ["name"] = true, ["quote"] = true, ["logo"] = false }));
    }

    [Test]
    public async Task Uploading_to_an_existing_section_adds_a_version_that_key_latest_and_key_at_n_resolve()
    {
        await Client.UploadTemplateAsync("versions", "<div>{{a}}</div>");
        var second = await Client.PutAsync("/api/templates/versions", JsonContent("""{"html_content":"<div>{{b}}</div>","set_as_active":false}"""));
        Assert.That((int)second.StatusCode, Is.EqualTo(201));
        Assert.That((await second.ReadJsonAsync()).GetProperty("version").GetInt32(), Is.EqualTo(2));

        var detail = await (await Client.GetAsync("/api/templates/versions")).ReadJsonAsync();
        Assert.That(detail.GetProperty("active_version").GetInt32(), Is.EqualTo(1), "set_as_active=false keeps version 1 active");
        Assert.That(detail.GetProperty("latest_version").GetInt32(), Is.EqualTo(2));

        var activated = await Client.PostAsync("/api/templates/versions/activate", JsonContent("""{"version":2}"""));
        Assert.That((int)activated.StatusCode, Is.EqualTo(200));
        detail = await (await Client.GetAsync("/api/templates/versions")).ReadJsonAsync();
        Assert.That(detail.GetProperty("active_version").GetInt32(), Is.EqualTo(2));
        Assert.That(detail.GetProperty("html_content").GetString(), Is.EqualTo("<div>{{b}}</div>"));
    }

    [TestCase("instagram-story", null, 1080, 1920)]
    [TestCase("og-image", null, 1200, 630)]
    [TestCase("a4", 800, 800, 1123)]
    public async Task A_size_preset_sets_the_canvas_unless_a_side_is_given(string preset, int? width, int expectedWidth, int expectedHeight)
    {
        var response = await Client.PostJsonAsync("/api/templates", new
        {
            section = $"preset-{preset}",
            html_content = "<div style=\"width:100%;height:100vh;background:#e76f51\">{{title}}</div>",
            preset,
            width,
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var created = await response.ReadJsonAsync();
        Assert.That((created.GetProperty("width").GetInt32(), created.GetProperty("height").GetInt32()), Is.EqualTo((expectedWidth, expectedHeight)));

        var poster = await (await Client.PostJsonAsync("/api/generate", new { template_id = created.GetProperty("key").GetString(), custom_data = new { title = "Hi" } })).ReadJsonAsync();
        Assert.That(Png.Size(await Client.GetByteArrayAsync(poster.GetProperty("url").GetString())), Is.EqualTo((expectedWidth, expectedHeight)));
    }

    [Test]
    public async Task Samples_given_at_upload_type_the_placeholders_and_the_preview_renders_them()
    {
        var response = await Client.PostJsonAsync("/api/templates", new
        {
            section = "sampled",
            html_content = "<div style=\"background:{{accent}}\"><h1>{{title}}</h1><b>{{price}}</b><i>{{tagline}}</i>{{#if logo}}<img src=\"{{logo}}\">{{/if}}</div>",
            width = 640,
            height = 360,
            sample_data = new { title = "Summer sale", price = 9.5, accent = "#e9c46a", logo = Fixtures.BadgeDataUri },
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var placeholders = (await response.ReadJsonAsync()).GetProperty("placeholders").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => (p.GetProperty("type").GetString(), p.GetProperty("sample").GetString()));

        Assert.That(placeholders["title"], Is.EqualTo(("text", "Summer sale")));
        Assert.That(placeholders["price"], Is.EqualTo(("number", "9.5")));
        Assert.That(placeholders["accent"], Is.EqualTo(("color", "#e9c46a")));
        Assert.That(placeholders["logo"].Item1, Is.EqualTo("image"));
        Assert.That(placeholders["tagline"], Is.EqualTo(("text", (string?)null)));

        var preview = await Client.GetAsync("/api/templates/sampled@1/preview");
        Assert.That((int)preview.StatusCode, Is.EqualTo(200), await preview.Content.ReadAsStringAsync());
        Assert.That(preview.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(Png.Size(await preview.Content.ReadAsByteArrayAsync()), Is.EqualTo((640, 360)));

        var jpeg = await Client.GetAsync("/api/templates/sampled/preview?format=jpeg");
        Assert.That(jpeg.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That((int)(await Client.GetAsync("/api/templates/nothing-here/preview")).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task An_unknown_preset_is_refused_with_the_choices()
    {
        var response = await Client.PostAsync("/api/templates", JsonContent("""{"section":"odd","html_content":"<p>x</p>","preset":"billboard"}"""));

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("preset")[0].GetString(), Does.Contain("instagram-portrait"));
    }

    [Test]
    public async Task Upload_without_html_is_refused_with_the_field_named()
    {
        var response = await Client.PostAsync("/api/templates", JsonContent("""{"section":"empty","width":1080}"""));

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("html_content", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task A_template_over_the_size_limits_is_refused_naming_each_field_and_its_limit()
    {
        var response = await Client.PostJsonAsync("/api/templates", new
        {
            section = "huge",
            html_content = "<p>{{x}}</p>" + new string('a', TemplateContentValidator<UploadTemplateRequest>.MaxHtmlLength),
            css_content = new string('b', TemplateContentValidator<UploadTemplateRequest>.MaxCssLength + 1),
            width = TemplateContentValidator<UploadTemplateRequest>.MaxSide + 1,
            height = 100,
        });

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.GetProperty("html_content")[0].GetString(), Does.Contain("1000000"), errors.ToString());
        Assert.That(errors.GetProperty("css_content")[0].GetString(), Does.Contain("500000"), errors.ToString());
        Assert.That(errors.GetProperty("width")[0].GetString(), Does.Contain("5000"), errors.ToString());
        Assert.That((int)(await Client.GetAsync("/api/templates/huge")).StatusCode, Is.EqualTo(404), "nothing was stored");
    }

    [Test]
    public async Task Unknown_template_is_404_problem_details()
    {
        var response = await Client.GetAsync("/api/templates/nothing-here");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
