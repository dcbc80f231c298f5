using Npgsql;

namespace PosterGen.Tests.Distributed;

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

    /// <summary>Such a database, with the posters in the stack's S3 bucket.</summary>
    public static Dictionary<string, string?> WithS3Posters() => new(Settings())
    {
        ["Storage:Provider"] = "s3",
        ["Storage:S3:ServiceUrl"] = StackSettings.Get("Storage__S3__ServiceUrl"),
        ["Storage:S3:Bucket"] = StackSettings.Get("Storage__S3__Bucket"),
        ["Storage:S3:AccessKey"] = StackSettings.Get("Storage__S3__AccessKey"),
        ["Storage:S3:SecretKey"] = StackSettings.Get("Storage__S3__SecretKey"),
    };
}
