using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Extensions;

/// <summary>
/// A body that cannot be read as the route expects (malformed or mistyped JSON, a missing body, one
/// past the route's size limit, a bad query value) is the client's mistake: answer its status (400,
/// 413, 415) as problem details naming the JSON path when there is one, never a 500.
/// Minimal APIs throw these only with <c>RouteHandlerOptions.ThrowOnBadRequest</c>, which the service sets.
/// </summary>
public class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;

        logger.LogInformation("Refused a request to {Path} with {Status}: {Reason}", context.Request.Path, bad.StatusCode, bad.Message);
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = bad.InnerException is JsonException { Path: { } path } json
                ? new ValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(path)] = [json.Message] })
                {
                    Status = bad.StatusCode,
                    Title = "The body is not the JSON this route expects.",
                }
                : new ProblemDetails { Status = bad.StatusCode, Title = TitleOf(bad.StatusCode), Detail = DetailOf(bad) },
        });
    }

    /// <summary>
    /// Minimal APIs answer a body past the route's limit with a bare 413 themselves, so the status code
    /// page that writes it says what the limit is.
    /// </summary>
    public static void DescribeTooLarge(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null
            && context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit)
            context.ProblemDetails.Detail = $"This route reads at most {limit} bytes of body.";
    }

    /// <summary><c>$.items[3].title</c> as the clients' own path, <c>items[3].title</c>; the whole body is <c>body</c>.</summary>
    private static string FieldOf(string jsonPath) => jsonPath.TrimStart('$').TrimStart('.') is { Length: > 0 } field ? field : "body";

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body's content type is not one this route reads.",
        _ => "The request could not be read.",
    };

    private static string? DetailOf(BadHttpRequestException bad) =>
        bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? null // DescribeTooLarge names the limit
            : bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
}
