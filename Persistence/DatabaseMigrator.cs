using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PosterGen.Persistence;

/// <summary>
/// Brings the schema up to date at start. Processes started together (docker-compose starts api,
/// saga and renderers at once) take turns under a PostgreSQL advisory lock, so one migrates and the
/// others find nothing left to do; a database that is not up yet is waited for.
/// </summary>
public static class DatabaseMigrator
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>Applies pending migrations; on SQLite also switches to WAL so readers never block the writer.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PosterGenDbContext>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await WaitForDatabaseAsync(db, logger, cancellationToken);

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // The lock belongs to the session: hold one connection open across the whole migration.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(88275939440498)" /* any key shared by every PosterGen process: "PGmigr" */, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(88275939440498)", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task WaitForDatabaseAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var waitingSince = DateTime.UtcNow;
        var said = false;
        while (true)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
                if (said)
                    logger.LogInformation("The database is up after {Seconds:0} s", (DateTime.UtcNow - waitingSince).TotalSeconds);
                return;
            }
            catch (PostgresException missing) when (missing.SqlState == "3D000")
            {
                // The server is up but the database is not there yet: create it, as MigrateAsync
                // would. Processes starting together may race to it; the losers find it made.
                logger.LogInformation("Creating the database: {Reason}", missing.MessageText);
                try { await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken); }
                catch (PostgresException exists) when (exists.SqlState == "42P04") { }
            }
            catch (Exception exception) when (IsUnreachable(exception) && !cancellationToken.IsCancellationRequested)
            {
                if (!said)
                    logger.LogWarning("Waiting for the database at {Server}: {Reason}", db.Database.GetDbConnection().DataSource, exception.Message);
                said = true;
                await Task.Delay(RetryInterval, cancellationToken);
            }
        }
    }

    /// <summary>A server that is down or starting up, as opposed to a wrong password or a missing database.</summary>
    private static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is "57P03" or "53300",
        NpgsqlException npgsql => npgsql.IsTransient,
        DbException => false,
        _ => exception.InnerException is { } inner && IsUnreachable(inner),
    };
}
