using Spectre.Console;
using Spectre.Console.Rendering;

namespace PosterGen.Cli.Progress;

/// <summary>The bar's rate in posters, where Spectre's own speed column speaks of bytes.</summary>
public class PostersPerSecondColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? $"{speed:0.0}/s" : "-/s", new Style(Color.Grey));
}
