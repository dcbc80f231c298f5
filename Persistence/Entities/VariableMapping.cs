namespace PosterGen.Persistence.Entities;

/// <summary>
/// Seed 004's "variable mapping by index": the canvas object at <paramref name="Object"/> (its index in
/// the canvas JSON's <c>objects</c>) shows the item's <paramref name="Field"/>, as its text or its image.
/// </summary>
public record VariableMapping(int Object, string Field);
