namespace PosterGen.Consumers.Rendering;

/// <summary>What each output format is called on the wire, on disk and by Chromium.</summary>
public record OutputFormat(string Name, string ContentType, string FileExtension)
{
    public static readonly OutputFormat Png = new("png", "image/png", "png");
    public static readonly OutputFormat Jpeg = new("jpeg", "image/jpeg", "jpg");
    public static readonly OutputFormat Webp = new("webp", "image/webp", "webp");
    public static readonly OutputFormat Pdf = new("pdf", "application/pdf", "pdf");

    public static OutputFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "png" => Png,
        "jpeg" or "jpg" => Jpeg,
        "webp" => Webp,
        "pdf" => Pdf,
        _ => throw new RenderException($"Unknown output format '{name}': use png, jpeg, webp or pdf.", isPermanent: true),
    };
}
