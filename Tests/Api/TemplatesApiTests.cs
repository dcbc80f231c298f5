using System.Text.Json;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

public class TemplatesApiTests
{
    private PosterGenFactory factory = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        factory = new PosterGenFactory();
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Test]
    public async Task Upload_in_the_clients_shape_returns_key_version_and_extracted_placeholders()
    {
        var response = await client.PostJsonAsync("/api/templates/upload", new
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
        await client.UploadTemplateAsync("versions", "<div>{{a}}</div>");
        var second = await client.PutAsync("/api/templates/versions", JsonContent("""{"html_content":"<div>{{b}}</div>","set_as_active":false}"""));
        Assert.That((int)second.StatusCode, Is.EqualTo(201));
        Assert.That((await second.ReadJsonAsync()).GetProperty("version").GetInt32(), Is.EqualTo(2));

        var detail = await (await client.GetAsync("/api/templates/versions")).ReadJsonAsync();
        Assert.That(detail.GetProperty("active_version").GetInt32(), Is.EqualTo(1), "set_as_active=false keeps version 1 active");
        Assert.That(detail.GetProperty("latest_version").GetInt32(), Is.EqualTo(2));

        var activated = await client.PostAsync("/api/templates/versions/activate", JsonContent("""{"version":2}"""));
        Assert.That((int)activated.StatusCode, Is.EqualTo(200));
        detail = await (await client.GetAsync("/api/templates/versions")).ReadJsonAsync();
        Assert.That(detail.GetProperty("active_version").GetInt32(), Is.EqualTo(2));
        Assert.That(detail.GetProperty("html_content").GetString(), Is.EqualTo("<div>{{b}}</div>"));
    }

    [Test]
    public async Task Upload_without_html_is_refused_with_the_field_named()
    {
        var response = await client.PostAsync("/api/templates", JsonContent("""{"section":"empty","width":1080}"""));

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("html_content", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task Unknown_template_is_404_problem_details()
    {
        var response = await client.GetAsync("/api/templates/nothing-here");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
