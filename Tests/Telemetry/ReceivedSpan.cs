namespace PosterGen.Tests.Telemetry;

/// <summary>
/// One span as an OTLP exporter sent it: ids in lowercase hex as in a <c>traceparent</c> (the
/// parent empty for a root), and the <c>postergen.roles</c> of the process that made it.
/// </summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Roles,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Roles,-7} {SpanId} <- {(ParentSpanId == "" ? "(root)" : ParentSpanId)} {Name}";
}
