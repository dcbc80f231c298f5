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

    /// <summary>A job's status with one result at most: its counts, not its posters.</summary>
    public static async Task<JsonElement> JobStatusAsync(this HttpClient client, string statusEndpoint) =>
        await (await client.GetAsync($"{statusEndpoint}?page_size=1")).ReadJsonAsync();

    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string statusEndpoint)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            var status = await client.JobStatusAsync(statusEndpoint);
            if (status.GetProperty("status").GetString() is "completed" or "completed_with_failures") return status;
            await Task.Delay(100);
        }
        Assert.Fail($"{statusEndpoint} did not finish in time.");
        return default;
    }
}
