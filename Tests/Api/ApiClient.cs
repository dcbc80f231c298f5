using System.Net.Http.Json;
using System.Text.Json;

namespace PosterGen.Tests.Api;

/// <summary>Calls the API the way the clients do: snake_case JSON.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static async Task<string> UploadTemplateAsync(this HttpClient client, string section, string html, int width = 1080, int height = 1080)
    {
        var response = await client.PostJsonAsync("/api/templates", new
        {
            section,
            name = $"{section} design",
            html_content = html,
            width,
            height,
            set_as_active = true,
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }
}
