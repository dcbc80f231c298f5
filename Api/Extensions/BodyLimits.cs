using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Extensions;

public static class BodyLimits
{
    /// <summary>
    /// Lets this route read up to <paramref name="bytes"/> of body, Kestrel's default of 30 MB aside; a larger
    /// body is refused with 413 (<see cref="BadRequestHandler"/>) before it is read.
    /// </summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long bytes) =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes)).WithFormOptions(multipartBodyLengthLimit: bytes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
