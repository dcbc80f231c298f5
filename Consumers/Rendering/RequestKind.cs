namespace PosterGen.Consumers.Rendering;

/// <summary>What becomes of a request a rendering page makes.</summary>
public enum RequestKind
{
    /// <summary>Aborted: the network, the host's files, anything not named below.</summary>
    Blocked,

    /// <summary><c>data:</c>, <c>blob:</c> and <c>about:blank</c>: content already in the page.</summary>
    Inline,

    /// <summary><c>https://assets.postergen.invalid/{name}</c>: answered from storage.</summary>
    TemplateAsset,

    /// <summary><see cref="FabricLibrary.Url"/>: the renderer's own copy of Fabric.js.</summary>
    RendererScript,

    /// <summary>An https URL on <c>Render:Images:AllowedHosts</c>: fetched by the render process, not Chromium.</summary>
    AllowedImage,
}
