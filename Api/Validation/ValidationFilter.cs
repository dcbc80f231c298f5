using FluentValidation;

namespace PosterGen.Api.Validation;

/// <summary>Validates the endpoint's <typeparamref name="T"/> body; invalid input never reaches the handler.</summary>
public class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<T>().FirstOrDefault();
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body is required.");

        var result = await validator.ValidateAsync(body, context.HttpContext.RequestAborted);
        if (!result.IsValid)
            return TypedResults.ValidationProblem(result.ToDictionary());
        return await next(context);
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
