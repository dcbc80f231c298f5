using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PosterGen.Consumers.Telemetry;
using PosterGen.Persistence.Outbox;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Telemetry;

/// <summary>/metrics in Prometheus text and the trace of a batch, on the embedded service with real Chromium.</summary>
public class TelemetryTests : EmbeddedServiceFixture
{
    /// <summary>The sources of every span of a job's trace in one process: request, outbox, bus, render.</summary>
    private static readonly string[] TracedSources = [PosterGenTelemetry.Name, OutboxTelemetry.Name, "MassTransit", "Microsoft.AspNetCore"];
    private readonly ConcurrentBag<Activity> spans = [];
    private ActivityListener listener = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task UploadTemplate()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => TracedSources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        // A template of its own: the counters are process-wide and other fixtures render too.
        template = await Client.UploadTemplateAsync($"metrics{Guid.NewGuid():N}"[..16], """
            <html><body style="margin:0;background:#2a9d8f"><img src="https://assets.postergen.invalid/{{asset}}" style="width:20px"><p>{{n}}</p></body></html>
            """, 160, 90);
        var logo = new ByteArrayContent(Png.Solid(2, 2, 0, 0, 200));
        logo.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.That((int)(await Client.PutAsync($"/api/templates/{template}/assets/logo.png", logo)).StatusCode, Is.EqualTo(201));
    }

    [OneTimeTearDown]
    public void StopListening() => listener.Dispose();

    [Test]
    public async Task After_a_60_poster_batch_metrics_count_60_rendered_and_the_failed_items_by_template_and_the_request_trace_is_one_tree_reaching_every_render()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var items = Enumerable.Range(0, 62).Select(i => new { entity_id = $"m{i}", n = $"{i}", asset = i is 10 or 40 ? "missing.png" : "logo.png" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate-batch")
        {
            Content = JsonContent(new { template_id = template, items }),
        };
        var requestParent = ActivitySpanId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{traceId}-{requestParent}-01");
        var submitted = await Client.SendAsync(request);
        Assert.That((int)submitted.StatusCode, Is.EqualTo(202), await submitted.Content.ReadAsStringAsync());
        var job = await submitted.ReadJsonAsync();
        await Client.WaitForJobAsync(job.GetProperty("status_endpoint").GetString()!);
        var jobId = job.GetProperty("job_id").GetString();
        List<Activity> JobRenders() => spans.Where(a => a.OperationName == "render poster" && (string?)a.GetTagItem("postergen.job_id") == jobId).ToList();
        // Spans whose parent is neither in the trace nor the request's: where a hop broke the trace in two.
        List<Activity> Orphans()
        {
            var trace = spans.Where(a => a.TraceId == traceId).ToList();
            var ids = trace.Select(a => a.SpanId).Append(requestParent).ToHashSet();
            return trace.Where(a => !ids.Contains(a.ParentSpanId)).ToList();
        }

        // A render counts and its span ends just after its result row commits, and a parent span
        // ends after its children, so the job can be seen complete a moment before all of them.
        var metrics = "";
        await Eventually.HoldsAsync(async () =>
        {
            metrics = await Client.GetStringAsync("/metrics");
            return JobRenders().Count >= 62 && Orphans().Count == 0
                && (SampleOrNull(metrics, "postergen_posters_rendered_total") ?? 0) + (SampleOrNull(metrics, "postergen_posters_failed_total") ?? 0) >= 62;
        }, TimeSpan.FromSeconds(10), () => $"{JobRenders().Count} render spans; parents missing for: {string.Join(", ", Orphans().Select(a => a.DisplayName).Distinct())}\nmetrics:\n{metrics}");

        Assert.That(Sample(metrics, "postergen_posters_rendered_total"), Is.EqualTo(60), metrics);
        Assert.That(Sample(metrics, "postergen_posters_failed_total"), Is.EqualTo(2), metrics);
        Assert.That(Sample(metrics, "postergen_render_duration_seconds_count"), Is.EqualTo(60), metrics);
        Assert.That(metrics, Does.Match(@"postergen_jobs\{[^}]*state=""CompletedWithFailures""[^}]*\} [1-9]"));

        var jobRenders = JobRenders();
        Assert.That(jobRenders, Has.Count.EqualTo(62));
        Assert.That(jobRenders.Select(a => a.TraceId).Distinct(), Is.EqualTo(new[] { traceId }), "each render is part of the trace the request started");
    }

    private double Sample(string metrics, string name)
    {
        var sample = SampleOrNull(metrics, name);
        Assert.That(sample, Is.Not.Null, $"no {name} for {template} in:\n{metrics}");
        return sample!.Value;
    }

    private double? SampleOrNull(string metrics, string name)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{") && l.Contains($"template=\"{template}\""));
        return line is null ? null : double.Parse(Regex.Match(line, @"\} (\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, ApiClient.Json), System.Text.Encoding.UTF8, "application/json");
}
