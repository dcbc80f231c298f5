using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PosterGen.Api.Idempotency;

public static class IdempotencyExtensions
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services) =>
        services.AddScoped<IdempotencyStore>();

    /// <summary>
    /// Keeps the body of a POST that carries an Idempotency-Key readable after binding (in memory, then a
    /// temporary file), so <see cref="IdempotencyFilter"/> can hash it. Route body limits still apply.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyFilter.HeaderName))
            context.Request.EnableBuffering();
        return next(context);
    });

    /// <summary>Answers a repeat of this route's request with the first answer (see <see cref="IdempotencyFilter"/>).</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            // The filter reads the header itself, so the generator does not see it; clients need to.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Repeats of this request with the same key and body within 24 hours get the first answer "
                        + $"(marked {IdempotencyFilter.ReplayedHeaderName}: true) instead of a second job; another body with the key is 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Persistence.Idempotency.IdempotencyRecords.MaxKeyLength },
                });
                return Task.CompletedTask;
            });
}
