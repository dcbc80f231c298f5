using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Downloads;

/// <summary>The same downloads with the results in PostgreSQL and the posters in S3 (the servers scripts/stack.sh runs).</summary>
public class DownloadsOnPostgresAndS3Tests() : JobDownloadsTests(PostgresDatabase.WithS3Posters());
