using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosterGen.Persistence.Outbox;
using PosterGen.Persistence.Providers;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="PosterGenDbContext"/> (scoped) and <see cref="IDbContextFactory{PosterGenDbContext}"/>
    /// for the provider in <c>Database:Provider</c>, and the transactional outbox's delivery.
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        // Every interceptor registered for the context joins it: the outbox's commit signal, and
        // whatever else a host adds (tests use one to fail a commit on purpose).
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        builder.Services.AddSingleton<IInterceptor, TenantStampInterceptor>();
        builder.Services.AddScoped<CurrentTenant>();
        builder.Services.AddScoped<TenantDbContexts>();
        builder.Services.AddHostedService<OutboxDeliveryService>();

        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? "sqlite";
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (provider == "postgres")
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("ConnectionStrings:Database is required when Database:Provider is 'postgres'.");
            builder.Services.AddPooledDbContextFactory<PostgresPosterGenDbContext>((services, options) => options
                .UseNpgsql(connectionString)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetServices<IInterceptor>()));
            AddShared<PostgresPosterGenDbContext>(builder.Services);
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
            builder.Services.AddPooledDbContextFactory<SqlitePosterGenDbContext>((services, options) => options
                .UseSqlite(sqlite)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetServices<IInterceptor>()));
            AddShared<SqlitePosterGenDbContext>(builder.Services);
        }
        return builder;
    }

    private static void AddShared<TContext>(IServiceCollection services) where TContext : PosterGenDbContext
    {
        services.AddSingleton<IDbContextFactory<PosterGenDbContext>>(sp =>
            new ProviderDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        // The scoped context acts for the scope's tenant: a request's, or none in a consumer's scope.
        services.AddScoped<PosterGenDbContext>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<PosterGenDbContext>>().CreateDbContext();
            db.Tenancy = sp.GetRequiredService<CurrentTenant>();
            return db;
        });
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
