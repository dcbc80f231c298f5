using System.Diagnostics;
using PosterGen.Tests.Support;
using PosterGen.Tests.Telemetry;

namespace PosterGen.Tests.Distributed;

/// <summary>
/// One poster's trace on the production shape: api, saga and render processes export over OTLP/HTTP
/// to a collector the test runs, and the spans of one request must form one tree across all three,
/// through the outbox, RabbitMQ, the saga row and the Kafka lanes.
/// </summary>
[NonParallelizable]
public class DistributedTraceTests
{
    private const int Items = 3;
    private OtlpTraceReceiver receiver = null!;
    private DistributedCluster cluster = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        receiver = await OtlpTraceReceiver.StartAsync();
        cluster = await DistributedCluster.StartAsync(environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Milliseconds: spans leave within a fifth of a second instead of the default five.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        template = await cluster.UploadTemplateAsync("tracing");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await cluster.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Test]
    public async Task The_trace_of_a_request_spans_api_saga_and_render_processes_and_reaches_each_posters_render_in_one_tree()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var requestParent = ActivitySpanId.CreateRandom().ToHexString();
        var jobId = await cluster.SubmitAsync(template, Items, traceParent: $"00-{traceId}-{requestParent}-01");
        var status = await cluster.WaitForJobAsync(jobId, TimeSpan.FromMinutes(2));
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());

        // Each process exports on its own schedule, and a parent often ends (and leaves) after its children.
        IReadOnlyList<ReceivedSpan> trace = [];
        await Eventually.HoldsAsync(() => Gaps(trace = receiver.Trace(traceId), jobId.ToString(), requestParent).Count == 0,
            TimeSpan.FromSeconds(30), () => $"{string.Join("\n", Gaps(trace, jobId.ToString(), requestParent))}\nspans of {traceId}:\n{string.Join("\n", trace)}");

        Assert.That(trace.Select(s => s.Roles).Distinct(), Is.SupersetOf(new[] { "api", "saga", "render" }));
    }

    /// <summary>What the trace still lacks: a process, an item's render, or a parent (the hop that broke).</summary>
    private static List<string> Gaps(IReadOnlyList<ReceivedSpan> trace, string jobId, string requestParent)
    {
        var gaps = new List<string>();
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        foreach (var roles in new[] { "api", "saga", "render" }.Where(r => trace.All(s => s.Roles != r)))
            gaps.Add($"no span from the {roles} process");

        var renders = trace.Where(s => s.Name == "render poster" && s.Attributes.GetValueOrDefault("postergen.job_id") == jobId).ToList();
        for (var item = 0; item < Items; item++)
        {
            var render = renders.FirstOrDefault(s => s.Attributes.GetValueOrDefault("postergen.item_index") == $"{item}");
            if (render is null)
                gaps.Add($"no render span of item {item}");
            else if (byId.TryGetValue(render.ParentSpanId, out var dispatch) && dispatch.Roles != "saga")
                gaps.Add($"the render of item {item} is a child of {dispatch}, not of the saga's dispatch to Kafka");
            else if (render.Roles != "render")
                gaps.Add($"the render of item {item} came from the {render.Roles} process");
        }

        var roots = trace.Where(s => s.ParentSpanId == requestParent).ToList();
        if (roots.Count != 1 || roots[0].Roles != "api")
            gaps.Add($"not one api span under the request's parent {requestParent}: {string.Join("; ", roots)}");
        gaps.AddRange(trace.Where(s => s.ParentSpanId != requestParent && !byId.ContainsKey(s.ParentSpanId))
            .Select(s => $"parent not in the trace: {s}"));
        return gaps;
    }
}
