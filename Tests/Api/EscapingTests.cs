using System.Text.Json;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Api;

/// <summary>Placeholder values are text on the poster, never markup, unless the template says {{{raw}}}.</summary>
public class EscapingTests : EmbeddedServiceFixture
{
    private const string Attack = "<img src=x onerror=alert(1)>";
    private const string Page = "<html><body style=\"margin:0;font:40px 'DejaVu Sans'\"><div>{0}</div></body></html>";

    [Test]
    public async Task A_markup_value_renders_exactly_like_the_same_text_written_escaped_in_the_template()
    {
        await Client.UploadTemplateAsync("escaped", string.Format(Page, "{{v}}"), 600, 120);
        await Client.UploadTemplateAsync("literal", string.Format(Page, "&lt;img src=x onerror=alert(1)&gt;"), 600, 120);
        await Client.UploadTemplateAsync("raw", string.Format(Page, "{{{v}}}"), 600, 120);

        var escaped = await RenderAsync("escaped", Attack);
        var literal = await RenderAsync("literal", Attack);
        var raw = await RenderAsync("raw", Attack);

        Assert.That(escaped, Is.EqualTo(literal), "the value must be drawn as the text itself");
        Assert.That(escaped, Is.Not.EqualTo(raw), "a template that opts into raw HTML draws an element instead");
    }

    private async Task<byte[]> RenderAsync(string template, string value)
    {
        var response = await Client.PostJsonAsync("/api/generate", new { template_id = template, custom_data = new { v = value } });
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await Client.GetByteArrayAsync((await response.ReadJsonAsync()).GetProperty("url").GetString());
    }
}
