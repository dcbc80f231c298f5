using System.ComponentModel.DataAnnotations;

namespace PosterGen.Persistence;

/// <summary>Section <c>Database</c>; the connection string is <c>ConnectionStrings:Database</c>.</summary>
public class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=data/postergen.db";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// Apply pending migrations when a process starts. Turn off where a deployment step runs
    /// <c>PosterGen.Api migrate</c> instead.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}
