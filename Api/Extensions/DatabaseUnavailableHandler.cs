using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PosterGen.Api.Extensions;

/// <summary>
/// A database that is restarting or unreachable is the server's temporary trouble, not a bug:
/// answer 503 with Retry-After so clients poll again, instead of a bare 500. Only for a lost or
/// refused connection (or SQLite's write lock timing out): a constraint violation is a bug or a
/// conflict, and goes to the default handler.
/// </summary>
public class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
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

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08") || postgres.SqlState.StartsWith("57P") || postgres.SqlState == "53300",
        NpgsqlException npgsql => npgsql.IsTransient,
        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN.
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 14,
        DbException => false,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
