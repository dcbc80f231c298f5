namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Fabric.js's browser bundle (npm <c>fabric</c>, <c>dist/index.min.js</c>), which
/// scripts/install-fabric.sh installs and the build copies next to this assembly. Pages load it from
/// <see cref="Url"/>, a host that never resolves, and the request router answers with these bytes:
/// no page fetches it from the network.
/// </summary>
public class FabricLibrary
{
    public const string Version = "7.4.0";
    public const string Host = "renderer.postergen.invalid";
    public const string Url = $"https://{Host}/fabric/{Version}/index.min.js";

    private readonly Lazy<byte[]?> script;

    public FabricLibrary() => script = new Lazy<byte[]?>(() => File.Exists(ScriptPath) ? File.ReadAllBytes(ScriptPath) : null);

    public string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, "fabric", "index.min.js");

    public static bool IsScriptUrl(Uri url) => url.AbsoluteUri == Url;

    /// <summary>The bundle; a missing one fails the render as the deployment's fault, not the template's.</summary>
    public byte[] Script => script.Value
        ?? throw new RenderException($"The Fabric.js bundle is missing at '{ScriptPath}': run scripts/install-fabric.sh, then build again.", isPermanent: false);
}
