namespace PosterGen.Tools.KafkaMock;

/// <summary>A topic and its partition count, written <c>name:partitions</c> on the command line.</summary>
public sealed record TopicSpec(string Name, int Partitions)
{
    /// <summary>The topics PosterGen's render queue uses (DESIGN.md, <c>Kafka:Topic</c>).</summary>
    public static readonly IReadOnlyList<TopicSpec> Defaults =
    [
        new("poster.render", 8),
        new("poster.render.dead-letter", 1),
    ];

    public static TopicSpec Parse(string text)
    {
        // Kafka topic names cannot contain ':', so the last one separates the count.
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var partitions) || partitions < 1)
            throw new FormatException($"'{text}' is not topic:partitions (partitions >= 1).");
        return new TopicSpec(text[..colon], partitions);
    }

    public override string ToString() => $"{Name}:{Partitions}";
}
