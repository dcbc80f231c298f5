namespace PosterGen.Consumers.Rendering;

/// <param name="Content">The image file as the host sent it.</param>
/// <param name="ContentType">One of the image types posters may show, e.g. <c>image/png</c>.</param>
public record FetchedImage(byte[] Content, string ContentType);
