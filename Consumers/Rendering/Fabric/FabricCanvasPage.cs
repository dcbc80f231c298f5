namespace PosterGen.Consumers.Rendering;

/// <summary>
/// The page a canvas version is drawn in: Fabric.js from <see cref="FabricLibrary.Url"/>, the
/// version's CSS (its <c>@font-face</c> rules), and one canvas the size of the poster. The filled
/// canvas JSON reaches the page as a string argument of <see cref="Draw"/>, parsed with
/// <c>JSON.parse</c>: values are data, never code.
/// </summary>
public static class FabricCanvasPage
{
    /// <summary>
    /// Waits for the fonts the text objects name (a canvas draws with whatever font is loaded at that
    /// moment, so they are loaded first), lets Fabric.js load the images, then draws once. An object
    /// that cannot be loaded fails the poster rather than leaving a hole in it.
    /// Answers null, or why the canvas could not be drawn.
    /// </summary>
    public const string Draw = """
        async (json, width, height) => {
          try {
            const scene = JSON.parse(json);
            const fonts = new Set();
            const walk = objects => {
              for (const o of objects ?? []) {
                if (typeof o.text === 'string' && o.fontFamily)
                  fonts.add(`${o.fontStyle ?? 'normal'} ${o.fontWeight ?? 'normal'} ${o.fontSize ?? 40}px ${o.fontFamily}`);
                walk(o.objects);
              }
            };
            walk(scene.objects);
            await Promise.all([...fonts].map(font => document.fonts.load(font).catch(() => null)));
            await document.fonts.ready;
            const canvas = new fabric.StaticCanvas(document.getElementById('poster'),
              { width, height, renderOnAddRemove: false, enableRetinaScaling: true });
            // Fabric.js leaves out an object it cannot load (an image that failed) and goes on: that is a failed poster here.
            const failures = [];
            await canvas.loadFromJSON(scene, (serialized, _, error) => {
              if (error) failures.push(`a ${serialized.type} object: ${error.message ?? error}`);
            });
            if (failures.length) return failures.join('; ');
            canvas.renderAll();
            return null;
          } catch (error) {
            return String(error?.message ?? error);
          }
        }
        """;

    public static string Html(PosterTemplate template) => $$"""
        <!doctype html><html><head><meta charset="utf-8">
        <style>html,body{margin:0;padding:0;overflow:hidden;background:#fff}canvas{display:block}</style>
        <style>{{template.Css}}</style>
        <script src="{{FabricLibrary.Url}}"></script>
        </head><body><canvas id="poster" width="{{template.Width}}" height="{{template.Height}}"></canvas></body></html>
        """;
}
