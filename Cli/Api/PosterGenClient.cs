using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PosterGen.Cli.Api;

/// <summary>The service's HTTP API as the CLI uses it; every refusal becomes a <see cref="CliFailure"/> with its reason.</summary>
public sealed class PosterGenClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient http;

    public PosterGenClient(Uri baseAddress, string? key)
    {
        // Streams stay open for the whole job, so no overall timeout; each plain call gets its own.
        http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (key is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public Task<JsonElement> UploadTemplateAsync(object body, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/templates") { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<JsonElement> SubmitItemsAsync(object body, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/generate-batch") { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<JsonElement> SubmitCsvAsync(string template, string csvPath, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var file = new StreamContent(File.OpenRead(csvPath));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var form = new MultipartFormDataContent { { new StringContent(template), "template_id" }, { file, "file", Path.GetFileName(csvPath) } };
            return new HttpRequestMessage(HttpMethod.Post, "/api/generate-batch/csv") { Content = form };
        }, cancellationToken);

    public Task<JsonElement> ListJobsAsync(int pageSize, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs?page_size={pageSize}"), cancellationToken);

    public Task<JsonElement> GetJobAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}?page={page}&page_size={pageSize}"), cancellationToken);

    public Task<JsonElement> CancelJobAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{id}/cancel"), cancellationToken);

    public Task<JsonElement> RetryFailedAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{id}/retry-failed"), cancellationToken);

    /// <summary>The job's SSE stream from after <paramref name="lastEventId"/>, until the service closes it.</summary>
    public async IAsyncEnumerable<JobEvent> StreamAsync(Guid id, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id}/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in JobEvent.ReadAsync(body, cancellationToken))
            yield return item;
    }

    /// <summary>Writes one stored poster (an absolute URL from a job's results) to <paramref name="path"/>.</summary>
    public async Task DownloadAsync(string url, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        using var response = await http.GetAsync(new Uri(http.BaseAddress!, url), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await EnsureSuccessAsync(response, timeout.Token);
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, timeout.Token);
    }

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        using var request = build();
        using var response = await http.SendAsync(request, timeout.Token);
        await EnsureSuccessAsync(response, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new CliFailure($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {Reason(response.StatusCode, body)}");
    }

    /// <summary>Problem details in one line: the detail or title, then each field path with its first message.</summary>
    private static string Reason(HttpStatusCode status, string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "detail", "title" })
                if (problem.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                {
                    parts.Add(text.GetString()!);
                    break;
                }
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                parts.AddRange(errors.EnumerateObject().Take(5).Select(e => $"{e.Name}: {e.Value.EnumerateArray().FirstOrDefault()}"));
            if (parts.Count > 0) return string.Join("; ", parts);
        }
        catch (JsonException) { }
        return body.Length is > 0 and < 300 ? body : status.ToString();
    }

    public void Dispose() => http.Dispose();
}
