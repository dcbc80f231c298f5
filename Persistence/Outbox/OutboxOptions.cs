using System.ComponentModel.DataAnnotations;

namespace PosterGen.Persistence.Outbox;

/// <summary>Section <c>Outbox</c>: how the transactional outbox delivers and how long it remembers.</summary>
public class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often waiting messages are looked for when no local commit said so.</summary>
    [Range(50, 60_000, ErrorMessage = "Outbox:PollIntervalMilliseconds must be between 50 and 60000.")]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Messages sent per round, in order.</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>Sent messages stay this long for support staff to read, then are deleted.</summary>
    [Range(1, 24 * 365, ErrorMessage = "Outbox:KeepSentHours must be between 1 and 8760.")]
    public int KeepSentHours { get; set; } = 24;

    /// <summary>How long a consumed message id is remembered; a redelivery later than that is handled again.</summary>
    [Range(1, 24 * 365, ErrorMessage = "Outbox:InboxWindowHours must be between 1 and 8760.")]
    public int InboxWindowHours { get; set; } = 24;

    /// <summary>
    /// On start, send again what was sent within this many minutes before the last send. Only for the
    /// in-memory bus, which loses whatever it had not yet handed to a consumer when the process
    /// died; consumers drop the repeats by message id. 0 turns it off (a durable broker).
    /// </summary>
    [Range(0, 24 * 60, ErrorMessage = "Outbox:RedeliverOnStartMinutes must be between 0 and 1440.")]
    public int RedeliverOnStartMinutes { get; set; }
}
