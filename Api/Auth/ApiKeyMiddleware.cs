using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Auth;

/// <summary>
/// Guards every <c>/api</c> route, SSE streams included, once a key exists or <c>Auth:Required</c> is set:
/// a request needs <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>, else 401 problem
/// details. Health checks, metrics, the API description, poster files and the dashboard's files stay public.
/// Sets the request's <see cref="CurrentTenant"/>: the key's tenant, or the default tenant without one.
/// </summary>
public class ApiKeyMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
{
    public const string HeaderName = "X-Api-Key";
    public const string AuthenticationType = "ApiKey";

    public async Task InvokeAsync(HttpContext context, ApiKeyStore keys, CurrentTenant tenant, IProblemDetailsService problems)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            tenant.Set(Tenants.Default);
            await next(context);
            return;
        }
        var presented = Presented(context.Request);
        var found = presented is null ? null : await keys.FindAsync(presented, context.RequestAborted);
        if (found is null && (options.Value.Required || await keys.AnyAsync(context.RequestAborted)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = presented is null ? "An API key is required." : "The API key is not valid.",
                    Detail = $"Send a key as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'; keys are made with 'PosterGen.Api keys create --name <client>'.",
                },
            });
            return;
        }
        if (found is { Name: var name })
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], AuthenticationType));
        tenant.Set(found?.Tenant ?? Tenants.Default);
        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } header])
            return header.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }
}
