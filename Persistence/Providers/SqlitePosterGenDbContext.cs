using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Providers;

/// <summary>The embedded default's database. Migrations in Migrations/Sqlite.</summary>
public class SqlitePosterGenDbContext(DbContextOptions<SqlitePosterGenDbContext> options) : PosterGenDbContext(options)
{
    // SQLite keeps no time zone: every DateTime written is UTC, so say so when reading it back.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
