using System.Diagnostics;

namespace PosterGen.Persistence.Outbox;

/// <summary>
/// The outbox's own spans, under <see cref="Name"/>, which the host subscribes to along with
/// MassTransit's. A send is a span of its own so that the bus's publish span has an exported parent:
/// an <see cref="Activity"/> made without a source would be the parent of that publish, yet no
/// exporter ever sees it, and a trace would break in two at every outbox hop.
/// </summary>
public static class OutboxTelemetry
{
    public const string Name = "PosterGen.Outbox";

    private static readonly ActivitySource Source = new(Name);

    /// <summary>The span of one message's send, a child of the transaction that wrote the row.</summary>
    public static Activity? StartSend(OutboxMessage row) =>
        row.TraceParent is null
            ? null
            : Source.StartActivity("outbox send", ActivityKind.Internal, row.TraceParent)?
                .SetTag("postergen.message_type", row.MessageType)
                .SetTag("messaging.message.id", row.MessageId.ToString());
}
