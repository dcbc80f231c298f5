using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosterGen.Api.Auth;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Jobs;

/// <summary>
/// <c>RateLimits:MaxPendingItems</c>: how many items one tenant may have queued or rendering. Counted
/// on the tenant's own rows (the context's tenant filter), so one tenant's backlog never refuses another.
/// </summary>
public class PendingItemsLimit(PosterGenDbContext db, IHttpContextAccessor http, IOptions<RateLimitOptions> options)
{
    /// <summary>What a refused client is told to wait: long enough for a renderer to work through some of its backlog.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>Null when <paramref name="adding"/> more items fit; else a 429 problem, with Retry-After set on the response.</summary>
    public async Task<ProblemHttpResult?> RefuseAsync(int adding, CancellationToken cancellationToken)
    {
        if (options.Value.MaxPendingItems is not { } limit) return null;
        var pending = await db.BatchItems.CountAsync(i => i.State != BatchItemState.Done, cancellationToken);
        if (pending + adding <= limit) return null;

        http.HttpContext!.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var detail = adding > limit
            ? $"This request has {adding} items; a tenant may have at most {limit} queued or rendering (RateLimits:MaxPendingItems): split it."
            : $"{pending} of your items are queued or rendering and this request adds {adding}; at most {limit} may be " +
              $"(RateLimits:MaxPendingItems). Try again in {RetryAfterSeconds} s.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many items pending.");
    }
}
