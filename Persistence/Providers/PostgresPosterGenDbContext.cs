using Microsoft.EntityFrameworkCore;

namespace PosterGen.Persistence.Providers;

/// <summary>The distributed mode's database. Migrations in Migrations/Postgres.</summary>
public class PostgresPosterGenDbContext(DbContextOptions<PostgresPosterGenDbContext> options) : PosterGenDbContext(options);
