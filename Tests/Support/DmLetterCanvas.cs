using System.Text.Json;
using System.Text.Json.Nodes;

namespace PosterGen.Tests.Support;

/// <summary>
/// Seed 004's direct-mail letter as a Fabric.js canvas JSON, the way <c>canvas.toJSON()</c> writes it
/// (origins, stroke and version spelled out): a red and a blue rectangle, then two text objects.
/// Object indexes: 0 red, 1 blue, 2 greeting, 3 body.
/// </summary>
public static class DmLetterCanvas
{
    public const int Width = 600;
    public const int Height = 400;

    public static readonly Box Red = new(20, 20, 260, 80);
    public static readonly Box Blue = new(320, 20, 260, 80);
    public static readonly Box Greeting = new(20, 140, 560, 60);
    public static readonly Box Body = new(20, 240, 560, 60);

    /// <summary>The letter with these texts, as a JSON string; <paramref name="extra"/> objects go after the four.</summary>
    public static string Json(string greeting, string body, params JsonObject[] extra) =>
        new JsonObject
        {
            ["version"] = "7.4.0",
            ["objects"] = new JsonArray([Rect(Red, "#ff0000"), Rect(Blue, "#0000ff"), Text(Greeting, greeting), Text(Body, body), .. extra]),
        }.ToJsonString();

    /// <summary>The letter with its texts as placeholders: <c>Dear {{name}},</c> and <c>{{offer}}</c>.</summary>
    public static string WithPlaceholders(params JsonObject[] extra) => Json("Dear {{name}},", "{{offer}}", extra);

    /// <summary>An image object showing <paramref name="src"/> in <paramref name="box"/>, its natural size the box's.</summary>
    public static JsonObject Image(Box box, string src) => new()
    {
        ["type"] = "Image", ["version"] = "7.4.0", ["originX"] = "left", ["originY"] = "top",
        ["left"] = box.X, ["top"] = box.Y, ["width"] = box.Width, ["height"] = box.Height, ["scaleX"] = 1, ["scaleY"] = 1,
        ["strokeWidth"] = 0, ["src"] = src, ["crossOrigin"] = null,
    };

    private static JsonObject Rect(Box box, string fill) => new()
    {
        ["type"] = "Rect", ["version"] = "7.4.0", ["originX"] = "left", ["originY"] = "top",
        ["left"] = box.X, ["top"] = box.Y, ["width"] = box.Width, ["height"] = box.Height,
        ["fill"] = fill, ["stroke"] = null, ["strokeWidth"] = 0, ["angle"] = 0, ["opacity"] = 1,
    };

    private static JsonObject Text(Box box, string text) => new()
    {
        ["type"] = "Text", ["version"] = "7.4.0", ["originX"] = "left", ["originY"] = "top",
        ["left"] = box.X, ["top"] = box.Y, ["fill"] = "#000000", ["stroke"] = null, ["strokeWidth"] = 0,
        ["fontFamily"] = "DejaVu Sans", ["fontSize"] = 40, ["fontWeight"] = "normal", ["fontStyle"] = "normal", ["text"] = text,
    };

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A rectangle of the canvas in CSS pixels.</summary>
    public readonly record struct Box(int X, int Y, int Width, int Height)
    {
        public (int X, int Y) Centre => (X + Width / 2, Y + Height / 2);

        /// <summary>How many of the box's pixels are dark (text is drawn black on white).</summary>
        public int DarkPixels(PngImage image)
        {
            var dark = 0;
            for (var y = Y; y < Y + Height; y++)
            for (var x = X; x < X + Width; x++)
            {
                var (r, g, b) = image.Pixel(x, y);
                if (r < 128 && g < 128 && b < 128) dark++;
            }
            return dark;
        }

        /// <summary>Whether two renders of the same size differ anywhere inside the box.</summary>
        public bool Differs(PngImage one, PngImage other)
        {
            for (var y = Y; y < Y + Height; y++)
            for (var x = X; x < X + Width; x++)
            {
                if (one.Pixel(x, y) != other.Pixel(x, y)) return true;
            }
            return false;
        }
    }
}
