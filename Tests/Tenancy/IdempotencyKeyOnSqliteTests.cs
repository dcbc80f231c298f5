namespace PosterGen.Tests.Tenancy;

/// <summary>Idempotency-Key answers on the embedded default's SQLite file.</summary>
public class IdempotencyKeyOnSqliteTests : IdempotencyKeyTests;
