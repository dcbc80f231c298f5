namespace PosterGen.Sagas.Tenancy;

/// <summary>
/// A row that belongs to one tenant: the database context filters every query on such a row by the
/// request's tenant and stamps the tenant on insert (see <c>PosterGen.Persistence.Tenancy</c>).
/// It lives here, not in Persistence, because the saga's own row is one and Sagas cannot see Persistence.
/// </summary>
public interface ITenantOwned
{
    /// <summary>The tenant's name, the <c>tenant</c> column: an API key's tenant, or <c>default</c> for an open service.</summary>
    string Tenant { get; set; }
}
