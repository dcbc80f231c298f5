namespace PosterGen.Consumers.Rendering;

/// <summary>A template asset as the renderer serves it: by name, from storage, identified by its content.</summary>
public record PosterAsset(string Name, string ContentType, string StorageKey, string Sha256);
