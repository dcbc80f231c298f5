using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Rendering;

/// <summary>A Fabric.js canvas version as the renderer needs it.</summary>
/// <param name="Json">The canvas as <c>canvas.toJSON()</c> wrote it, placeholders unfilled.</param>
/// <param name="Mappings">Objects (by index) whose text or image comes from an item field.</param>
public record FabricCanvasTemplate(string Json, IReadOnlyList<VariableMapping> Mappings);
