using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Validation;

/// <summary>
/// The bad requests a new user tried that answered 500 or were stored and failed later: each is now a
/// 400 problem naming the field, the row or the template's line.
/// </summary>
public class BadInputTests : EmbeddedServiceFixture
{
    [OneTimeSetUp]
    public async Task UploadTemplate() => await Client.UploadTemplateAsync("card", "<p>{{title}}</p>\n<p>{{subtitle}}</p>");

    [Test]
    public async Task Null_items_is_400_naming_items()
    {
        var errors = await ErrorsAsync(await PostJsonTextAsync("/api/generate-batch", """{"template_id":"card","items":null}"""));

        Assert.That(errors.TryGetProperty("items", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task Csv_with_an_unclosed_quote_is_400_naming_the_row_and_its_line()
    {
        var errors = await ErrorsAsync(await PostCsvAsync("title,subtitle\nA,B\nC,\"D\nE,F\n"));

        Assert.That(errors.GetProperty("rows[1]")[0].GetString(), Does.Contain("line 3").IgnoreCase, errors.ToString());
    }

    [Test]
    public async Task Csv_whose_row_has_fewer_fields_than_the_header_is_400_naming_the_row()
    {
        var errors = await ErrorsAsync(await PostCsvAsync("title,subtitle\nA,B\nC,D\nE\n"));

        Assert.That(errors.GetProperty("rows[2]")[0].GetString(), Does.Contain("line 4").IgnoreCase.And.Contain("1 field"), errors.ToString());
    }

    [Test]
    public async Task Csv_whose_row_has_more_fields_than_the_header_is_400_naming_the_row()
    {
        var errors = await ErrorsAsync(await PostCsvAsync("title,subtitle\nA,B,C\n"));

        Assert.That(errors.GetProperty("rows[0]")[0].GetString(), Does.Contain("line 2").IgnoreCase.And.Contain("3 fields"), errors.ToString());
    }

    [Test]
    public async Task Csv_of_random_bytes_is_400_naming_the_file()
    {
        var bytes = new byte[4096];
        new Random(12).NextBytes(bytes);

        var errors = await ErrorsAsync(await PostCsvAsync(bytes));

        Assert.That(errors.GetProperty("file")[0].GetString(), Does.Contain("text"), errors.ToString());
    }

    [Test]
    public async Task Csv_form_with_an_unknown_format_is_400_naming_format()
    {
        var errors = await ErrorsAsync(await PostCsvAsync("title,subtitle\nA,B\n", ("format", "bmp")));

        Assert.That(errors.GetProperty("format")[0].GetString(), Does.Contain("png"), errors.ToString());
    }

    [TestCase("<div>\n{{#each x}}<i>{{this}}</i>\n</div>", "line 2")]
    [TestCase("<p>\n\n{{title</p>", "line 3")]
    [TestCase("<p>{{> partial}}</p>", "line 1")]
    [TestCase("<p>{{#if a}}x{{/each}}</p>", "line 1")]
    [TestCase("<p>a</p>\n{{shout title}}", "line 2")]
    [TestCase("<p>a</p>\n{{#shout title}}x{{/shout}}", "line 2")]
    [TestCase("<p>{{{raw}}</p>", "line 1")]
    public async Task Template_with_broken_handlebars_is_400_naming_html_content_and_the_line_and_nothing_is_stored(string html, string line)
    {
        var section = $"broken-{Guid.NewGuid():N}"[..20];
        var response = await Client.PostJsonAsync("/api/templates", new { section, html_content = html });

        var errors = await ErrorsAsync(response);
        Assert.That(errors.GetProperty("html_content")[0].GetString(), Does.Contain(line).IgnoreCase, errors.ToString());
        Assert.That((int)(await Client.GetAsync($"/api/templates/{section}")).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Broken_handlebars_in_css_is_400_naming_css_content()
    {
        var response = await Client.PostJsonAsync("/api/templates", new { section = "broken-css", html_content = "<p>x</p>", css_content = "p {\n color: {{ink;\n}" });

        var errors = await ErrorsAsync(response);
        Assert.That(errors.GetProperty("css_content")[0].GetString(), Does.Contain("line 2").IgnoreCase, errors.ToString());
    }

    [Test]
    public async Task Entity_id_as_an_object_is_400_naming_it()
    {
        var errors = await ErrorsAsync(await PostJsonTextAsync("/api/generate-batch",
            """{"template_id":"card","items":[{"title":"a","subtitle":"b"},{"entity_id":{"x":1},"title":"a","subtitle":"b"}]}"""));

        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "items[1].entity_id" }));
    }

    [Test]
    public async Task Entity_id_as_a_number_is_accepted()
    {
        var response = await PostJsonTextAsync("/api/generate-batch",
            """{"template_id":"card","items":[{"entity_id":42,"title":"a","subtitle":"b"}]}""");

        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
    }

    [TestCase("""{"title":"a","subtitle":{"nested":true}}""", "items[0].subtitle")]
    [TestCase("""{"title":["a"],"subtitle":"b"}""", "items[0].title")]
    public async Task A_placeholder_value_that_is_not_a_string_number_or_boolean_is_400_naming_it(string item, string path)
    {
        var errors = await ErrorsAsync(await PostJsonTextAsync("/api/generate-batch", $$"""{"template_id":"card","items":[{{item}}]}"""));

        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { path }));
    }

    [Test]
    public async Task Custom_data_placeholder_that_is_an_object_is_400_naming_custom_data_and_the_field()
    {
        var errors = await ErrorsAsync(await PostJsonTextAsync("/api/generate",
            """{"template_id":"card","custom_data":{"title":{"a":1},"subtitle":"b"}}"""));

        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "custom_data.title" }));
    }

    private async Task<HttpResponseMessage> PostJsonTextAsync(string url, string json) =>
        await Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostCsvAsync(string csv, params (string Name, string Value)[] fields) =>
        PostCsvAsync(Encoding.UTF8.GetBytes(csv), fields);

    private async Task<HttpResponseMessage> PostCsvAsync(byte[] csv, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent { { new StringContent("card"), "template_id" } };
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "rows.csv");
        return await Client.PostAsync("/api/generate-batch/csv", form);
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }
}
