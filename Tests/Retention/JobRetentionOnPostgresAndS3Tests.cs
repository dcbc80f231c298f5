using Npgsql;
using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Retention;

/// <summary>The same retention with the jobs in PostgreSQL and the posters in S3 (the servers scripts/stack.sh runs).</summary>
public class JobRetentionOnPostgresAndS3Tests() : JobRetentionTests(Settings())
{
    private static Dictionary<string, string?> Settings()
    {
        StackSettings.Require();
        var database = new NpgsqlConnectionStringBuilder(StackSettings.Get("ConnectionStrings__Database"))
        {
            // Migrating at start creates it: a database of the fixture's own.
            Database = $"t_{Guid.NewGuid():N}"[..14],
        };
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Database"] = database.ToString(),
            ["Storage:Provider"] = "s3",
            ["Storage:S3:ServiceUrl"] = StackSettings.Get("Storage__S3__ServiceUrl"),
            ["Storage:S3:Bucket"] = StackSettings.Get("Storage__S3__Bucket"),
            ["Storage:S3:AccessKey"] = StackSettings.Get("Storage__S3__AccessKey"),
            ["Storage:S3:SecretKey"] = StackSettings.Get("Storage__S3__SecretKey"),
        };
    }
}
