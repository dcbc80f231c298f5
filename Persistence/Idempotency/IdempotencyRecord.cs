using PosterGen.Sagas.Tenancy;

namespace PosterGen.Persistence.Idempotency;

/// <summary>
/// A request made with an <c>Idempotency-Key</c> header, a row of <c>idempotency_keys</c>: claimed before
/// the request runs (the unique (tenant, key) index lets one of two concurrent duplicates through),
/// then given the answer that repeats of it get for 24 hours.
/// </summary>
public class IdempotencyRecord : ITenantOwned
{
    public long Id { get; set; }
    public string Tenant { get; set; } = null!;

    /// <summary>The header's value, as the client sent it.</summary>
    public string Key { get; set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the method, path and body: a repeat with another body is refused.</summary>
    public string RequestHash { get; set; } = null!;

    /// <summary>The answer's HTTP status; null while the first request is still being processed.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ResponseBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
