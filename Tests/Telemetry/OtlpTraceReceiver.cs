using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;

namespace PosterGen.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector of its own (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): keeps every
/// span posted to <c>/v1/traces</c>, decoded with the opentelemetry-proto messages, and accepts and
/// drops what the exporters send to <c>/v1/logs</c> and <c>/v1/metrics</c>.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();

    private OtlpTraceReceiver(WebApplication app) => this.app = app;

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: the exporters add <c>/v1/traces</c> themselves.</summary>
    public Uri Endpoint => new(app.Urls.Single());

    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => spans.Where(s => s.TraceId == traceId).ToList();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new OtlpTraceReceiver(builder.Build());
        receiver.app.MapPost("/v1/traces", receiver.ReceiveAsync);
        receiver.app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await receiver.app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        var export = ExportTraceServiceRequest.Parser.ParseFrom(buffer.ToArray());
        foreach (var resourceSpans in export.ResourceSpans)
        {
            var roles = Text(resourceSpans.Resource.Attributes, "postergen.roles");
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                var attributes = span.Attributes.ToDictionary(a => a.Key, a => AnyValueText(a.Value));
                spans.Enqueue(new ReceivedSpan(Hex(span.TraceId), Hex(span.SpanId), Hex(span.ParentSpanId), span.Name, roles, attributes));
            }
        }
        return Results.Bytes(new ExportTraceServiceResponse().ToByteArray(), "application/x-protobuf");
    }

    private static string Text(IEnumerable<KeyValue> attributes, string key) =>
        attributes.Where(a => a.Key == key).Select(a => AnyValueText(a.Value)).FirstOrDefault() ?? "";

    private static string AnyValueText(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        _ => value.ToString(),
    };

    private static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
