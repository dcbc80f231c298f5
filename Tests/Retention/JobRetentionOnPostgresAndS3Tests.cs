using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Retention;

/// <summary>The same retention with the jobs in PostgreSQL and the posters in S3 (the servers scripts/stack.sh runs).</summary>
public class JobRetentionOnPostgresAndS3Tests() : JobRetentionTests(PostgresDatabase.WithS3Posters());
