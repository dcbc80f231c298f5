using System.Diagnostics;
using System.Diagnostics.Metrics;
using PosterGen.Contracts;

namespace PosterGen.Consumers.Telemetry;

/// <summary>
/// The render pipeline's own traces and metrics, under one name (<see cref="Name"/>) that the host
/// subscribes to. Prometheus names: <c>postergen_posters_rendered_total</c>,
/// <c>postergen_posters_failed_total</c>, <c>postergen_render_duration_seconds</c>,
/// <c>postergen_browser_recycles_total</c>, <c>postergen_browser_crashes_total</c>,
/// <c>postergen_webhook_deliveries_total</c>.
/// </summary>
public static class PosterGenTelemetry
{
    public const string Name = "PosterGen";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Rendered = Meter.CreateCounter<long>("postergen.posters.rendered", "{poster}", "Posters rendered (or served from the render cache), by template.");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("postergen.posters.failed", "{poster}", "Items that ended failed, by template.");
    private static readonly Histogram<double> RenderDuration = Meter.CreateHistogram<double>("postergen.render.duration", "s", "Time from taking an item to its stored poster, retries included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60] });
    private static readonly Counter<long> BrowserRecycles = Meter.CreateCounter<long>("postergen.browser.recycles", "{browser}", "Browsers replaced after Render:RecycleAfter renders.");
    private static readonly Counter<long> BrowserCrashes = Meter.CreateCounter<long>("postergen.browser.crashes", "{browser}", "Browsers replaced because they crashed or disconnected.");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("postergen.webhook.deliveries", "{delivery}", "Webhook delivery attempts, by event and outcome (delivered, retrying, given_up).");

    /// <summary>The span of one poster's render, a child of the dispatch that queued it.</summary>
    public static Activity? StartRender(RenderPoster poster)
    {
        ActivityContext.TryParse(poster.TraceParent, null, out var parent);
        var activity = Source.StartActivity("render poster", ActivityKind.Consumer, parent);
        activity?.SetTag("postergen.job_id", poster.JobId.ToString());
        activity?.SetTag("postergen.item_index", poster.ItemIndex);
        activity?.SetTag("postergen.template", poster.TemplateKey);
        return activity;
    }

    public static Activity? StartStore(string key) =>
        Source.StartActivity("store poster", ActivityKind.Client)?.SetTag("postergen.storage_key", key);

    public static void PosterRecorded(string template, bool rendered, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("template", template);
        if (rendered)
        {
            Rendered.Add(1, tag);
            RenderDuration.Record(duration.TotalSeconds, tag);
        }
        else
        {
            Failed.Add(1, tag);
        }
    }

    public static void BrowserReplaced(bool crashed) => (crashed ? BrowserCrashes : BrowserRecycles).Add(1);

    public static void WebhookAttempted(string eventType, string outcome) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("event", eventType), new KeyValuePair<string, object?>("outcome", outcome));
}
