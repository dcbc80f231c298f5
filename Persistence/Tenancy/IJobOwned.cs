using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Tenancy;

/// <summary>
/// A row of one job. Written outside a request (a result, a log line), it takes its job's tenant,
/// so consumers never carry tenants around: <see cref="TenantStampInterceptor"/> looks it up.
/// </summary>
public interface IJobOwned : ITenantOwned
{
    Guid JobId { get; }
}
