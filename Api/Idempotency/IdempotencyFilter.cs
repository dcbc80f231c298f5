using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PosterGen.Persistence.Idempotency;

namespace PosterGen.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a POST that makes a job or a poster: the first request with a key runs and
/// its answer is kept for 24 hours per tenant; a repeat with the same body gets that answer (status,
/// body, Location) without running again, also while the first is still running (it waits for it);
/// the same key with another body is 422. Answers not worth repeating (5xx, 429) free the key again.
/// </summary>
public class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on a repeated answer, so a client can tell it from a fresh one.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
            return await next(context);
        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyRecords.MaxKeyLength)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key.",
                detail: $"Send one {HeaderName} header of 1-{IdempotencyRecords.MaxKeyLength} characters.");

        var claim = await store.ClaimAsync(key, await RequestHashAsync(http.Request), http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Answered(var answered):
                http.Response.Headers[ReplayedHeaderName] = "true";
                if (answered.Location is not null) http.Response.Headers.Location = answered.Location;
                return TypedResults.Text(answered.ResponseBody ?? "", answered.ContentType, Encoding.UTF8, answered.StatusCode);
            case IdempotencyClaim.OtherRequest:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                    detail: $"{HeaderName} '{key}' was used in the last 24 hours for another request; use a new key for a new request.");
            case IdempotencyClaim.StillRunning:
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The first request with this key is still running.",
                    detail: $"A request with {HeaderName} '{key}' is still being processed; repeat this one shortly for its answer.");
        }

        var recordId = ((IdempotencyClaim.Won)claim).RecordId;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.ReleaseAsync(recordId);
            throw;
        }
        if (Answer(result) is { } answer)
            await store.CompleteAsync(recordId, answer.StatusCode, answer.ContentType, answer.Location, answer.Body);
        else
            await store.ReleaseAsync(recordId);
        return result;
    }

    /// <summary>
    /// The method, path and body: a key names one request. A form counts by its fields and files, not its
    /// bytes, as a client sending it again picks a new multipart boundary. A JSON body was buffered for
    /// this (see <see cref="IdempotencyExtensions.UseIdempotencyKeys"/>).
    /// </summary>
    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var cancellationToken = request.HttpContext.RequestAborted;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (name, value) in form)
                hash.AppendData(Encoding.UTF8.GetBytes($"{name.Length}:{name}={value.ToString().Length}:{value}\n"));
            foreach (var file in form.Files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{file.Name.Length}:{file.Name}/{file.FileName.Length}:{file.FileName}/{file.Length}\n"));
                await using var content = file.OpenReadStream();
                await AppendAsync(hash, content, cancellationToken);
            }
        }
        else
        {
            request.Body.Position = 0;
            await AppendAsync(hash, request.Body, cancellationToken);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task AppendAsync(IncrementalHash hash, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            hash.AppendData(buffer, 0, read);
    }

    /// <summary>The answer as it goes on the wire, or null when it is not to be repeated.</summary>
    private (int StatusCode, string? ContentType, string? Location, string? Body)? Answer(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status >= StatusCodes.Status500InternalServerError || status == StatusCodes.Status429TooManyRequests)
            return null;
        var value = (result as IValueHttpResult)?.Value;
        var contentType = (result as IContentTypeHttpResult)?.ContentType ?? (value is null ? null : "application/json; charset=utf-8");
        var location = result switch
        {
            Accepted<Models.JobAcceptedResponse> accepted => accepted.Location,
            Accepted accepted => accepted.Location,
            _ => null,
        };
        var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
        return (status, contentType, location, body);
    }
}
