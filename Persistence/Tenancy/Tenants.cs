namespace PosterGen.Persistence.Tenancy;

public static class Tenants
{
    /// <summary>
    /// Whose rows an open service (no API key) makes and sees; also a key made with <c>--tenant default</c>,
    /// so a service that starts requiring keys keeps its earlier templates and jobs.
    /// </summary>
    public const string Default = "default";
}
