namespace PosterGen.Consumers.Rendering;

/// <summary>A string of a canvas object that placeholders can be in: a text object's <c>text</c>, an image's <c>src</c>.</summary>
/// <param name="Indexes">The object's index in <c>objects</c>, then in its group's <c>objects</c>, and so on.</param>
/// <param name="Property"><c>text</c> or <c>src</c>.</param>
/// <param name="Value">As the template has it, placeholders unfilled.</param>
public record FabricSlot(IReadOnlyList<int> Indexes, string Property, string Value)
{
    /// <summary>Where it is, as a path in the canvas JSON: <c>objects[2].objects[0].text</c>.</summary>
    public string Path => $"{ObjectPath(Indexes)}.{Property}";

    /// <summary><c>objects[2].objects[0]</c>.</summary>
    public static string ObjectPath(IEnumerable<int> indexes) => string.Join('.', indexes.Select(i => $"objects[{i}]"));
}
