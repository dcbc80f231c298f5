using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PosterGen.Api.Extensions;

/// <summary>
/// A database that is restarting or unreachable is the server's temporary trouble, not a bug:
/// answer 503 with Retry-After so clients poll again, instead of a bare 500.
/// </summary>
public class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbException && exception.InnerException is not DbException)
            return false;

        logger.LogWarning("The database is unavailable: {Reason}", exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "Nothing was lost; try again shortly.",
            },
        });
    }
}
