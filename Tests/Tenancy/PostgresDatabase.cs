using Npgsql;
using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Tenancy;

/// <summary>A database of the fixture's own on the stack's PostgreSQL; migrating at start creates it.</summary>
public static class PostgresDatabase
{
    public static Dictionary<string, string?> Settings()
    {
        StackSettings.Require();
        var database = new NpgsqlConnectionStringBuilder(StackSettings.Get("ConnectionStrings__Database"))
        {
            Database = $"t_{Guid.NewGuid():N}"[..14],
        };
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Database"] = database.ToString(),
        };
    }
}
