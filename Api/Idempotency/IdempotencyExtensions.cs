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
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
