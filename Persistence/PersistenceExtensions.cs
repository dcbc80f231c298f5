using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosterGen.Persistence.Providers;

namespace PosterGen.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="PosterGenDbContext"/> (scoped) and <see cref="IDbContextFactory{PosterGenDbContext}"/>
    /// for the provider in <c>Database:Provider</c>.
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? "sqlite";
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (provider == "postgres")
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("ConnectionStrings:Database is required when Database:Provider is 'postgres'.");
            builder.Services.AddPooledDbContextFactory<PostgresPosterGenDbContext>(options => options
                .UseNpgsql(connectionString)
                .UseSnakeCaseNamingConvention());
            AddShared<PostgresPosterGenDbContext>(builder.Services);
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
            builder.Services.AddPooledDbContextFactory<SqlitePosterGenDbContext>(options => options
                .UseSqlite(sqlite)
                .UseSnakeCaseNamingConvention());
            AddShared<SqlitePosterGenDbContext>(builder.Services);
        }
        return builder;
    }

    /// <summary>Applies pending migrations; on SQLite also switches to WAL so readers never block the writer.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PosterGenDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static void AddShared<TContext>(IServiceCollection services) where TContext : PosterGenDbContext
    {
        services.AddSingleton<IDbContextFactory<PosterGenDbContext>>(sp =>
            new ProviderDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<PosterGenDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PosterGenDbContext>>().CreateDbContext());
    }

    /// <summary>
    /// Creates the database file's folder, and waits up to 30 s for a lock instead of failing with
    /// "database is locked" while another worker writes.
    /// </summary>
    private static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
            Directory.CreateDirectory(folder);
        return builder.ToString();
    }
}
