namespace PosterGen.Tests.Tenancy;

/// <summary>Tenant isolation on the embedded default's SQLite file.</summary>
public class TenantIsolationOnSqliteTests : TenantIsolationTests;
