namespace PosterGen.Consumers.Rendering;

/// <summary>One template version as the renderer needs it. Versions are immutable, so (Key, Version) identifies the content.</summary>
public record PosterTemplate(string Key, int Version, string Html, string? Css, int Width, int Height);
