using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PosterGen.Api.Auth;

/// <summary>
/// <c>RateLimits:RequestsPerMinute</c> per API key, with ASP.NET Core's rate limiter: each key has its own
/// window, so one client's flood never slows another. Past it, 429 problem details with Retry-After.
/// Runs after <see cref="ApiKeyMiddleware"/>, which names the key.
/// </summary>
public static class RateLimits
{
    private const string OpenService = "(open)";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RequestsPerMinute;
                if (perMinute is not { } limit || !context.Request.Path.StartsWithSegments("/api"))
                    return RateLimitPartition.GetNoLimiter("");
                return RateLimitPartition.GetFixedWindowLimiter(context.User.Identity?.Name ?? OpenService, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This key may make {context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RequestsPerMinute} " +
                    $"requests a minute (RateLimits:RequestsPerMinute); try again in {seconds} s.",
            },
        });
    }
}
