using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Tenancy;

/// <summary>The same Idempotency-Key answers on PostgreSQL, whose unique index decides concurrent duplicates there.</summary>
public class IdempotencyKeyOnPostgresTests() : IdempotencyKeyTests(PostgresDatabase.Settings());
