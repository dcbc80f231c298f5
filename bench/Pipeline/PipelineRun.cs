using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace PosterGen.Bench.Pipeline;

/// <summary>Submits the batch over HTTP and waits on the job's SSE stream for job_completed.</summary>
public static class PipelineRun
{
    public static async Task<TimeSpan> RunAsync(Uri api, PosterFixture poster, int count)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(30) };
        var upload = await http.PostAsJsonAsync("/api/templates", new Dictionary<string, object>
        {
            ["section"] = "bench-offer", ["name"] = "Bench offer", ["html_content"] = poster.Html,
            ["width"] = 1080, ["height"] = 1080, ["set_as_active"] = true,
        });
        upload.EnsureSuccessStatusCode();

        // One warm-up poster, not one of the batch (it would be a render-cache hit), so browser start-up is not counted.
        (await http.PostAsJsonAsync("/api/generate", new { template_id = "bench-offer", custom_data = poster.Data(count) })).EnsureSuccessStatusCode();

        var stopwatch = Stopwatch.StartNew();
        var accepted = await http.PostAsJsonAsync("/api/generate-batch",
            new { template_id = "bench-offer", items = Enumerable.Range(0, count).Select(poster.Data).ToList() });
        accepted.EnsureSuccessStatusCode();
        var job = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement;

        using var stream = await http.GetStreamAsync(job.GetProperty("sse_endpoint").GetString());
        using var reader = new StreamReader(stream);
        var completed = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: poster_completed") completed++;
            if (line == "event: poster_failed") throw new InvalidOperationException("A poster failed during the benchmark.");
            if (line is "event: job_completed" or "event: job_failed" or "event: job_cancelled") break;
        }
        stopwatch.Stop();
        if (completed != count) throw new InvalidOperationException($"Expected {count} posters, saw {completed}.");
        return stopwatch.Elapsed;
    }
}
