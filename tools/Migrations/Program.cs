// Adds a migration for each provider: dotnet run --project tools/Migrations -- <MigrationName>
// Writes to Persistence/Migrations/Sqlite and Persistence/Migrations/Postgres.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Persistence.Providers;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Migrations -- <MigrationName>");
    return 2;
}

var persistence = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../Persistence"));
Scaffold(new SqlitePosterGenDbContext(new DbContextOptionsBuilder<SqlitePosterGenDbContext>()
    .UseSqlite("Data Source=:memory:").UseSnakeCaseNamingConvention().Options), "Sqlite");
Scaffold(new PostgresPosterGenDbContext(new DbContextOptionsBuilder<PostgresPosterGenDbContext>()
    .UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options), "Postgres");
return 0;

void Scaffold(PosterGenDbContext db, string provider)
{
    var reporter = new OperationReporter(null);
    var services = new DesignTimeServicesBuilder(typeof(PosterGenDbContext).Assembly, typeof(PosterGenDbContext).Assembly, reporter, [])
        .Build(db);
    var scaffolder = services.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[0], "PosterGen.Persistence", $"Migrations.{provider}", "C#");
    var files = scaffolder.Save(persistence, migration, Path.Combine(persistence, "Migrations", provider));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}
