using PosterGen.Tests.Distributed;

namespace PosterGen.Tests.Tenancy;

/// <summary>The same isolation with the rows in PostgreSQL (scripts/stack.sh's server): the filter's SQL, COPY of items, the per-tenant unique keys.</summary>
public class TenantIsolationOnPostgresTests() : TenantIsolationTests(PostgresDatabase.Settings());
