namespace PosterGen.Persistence.Tenancy;

/// <summary>
/// Whose request this scope serves (scoped). The API sets it once per request from the API key; scopes
/// that never set it (message consumers, renderers, sweeps, the outbox) act for no tenant, and their
/// contexts see every tenant's rows.
/// </summary>
public sealed class CurrentTenant
{
    public string? Name { get; private set; }

    public void Set(string name)
    {
        if (Name is not null && Name != name)
            throw new InvalidOperationException($"This scope already serves tenant '{Name}'.");
        Name = name;
    }

    /// <summary>The tenant, where only a request can be meant (a background caller is a bug).</summary>
    public string Required => Name ?? throw new InvalidOperationException("No tenant: this runs outside a request.");
}
