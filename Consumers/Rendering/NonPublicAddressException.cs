namespace PosterGen.Consumers.Rendering;

/// <summary>Raised inside <see cref="PublicAddressConnector"/>; HttpClient wraps it in its HttpRequestException.</summary>
public sealed class NonPublicAddressException(string message) : Exception(message);
