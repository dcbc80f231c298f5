using System.Text;
using HandlebarsDotNet;
using QRCoder;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// The <c>{{qr link}}</c> template helper: a QR code of the value as an SVG data URI, for
/// <c>&lt;img src="{{qr link}}"&gt;</c>. SVG stays sharp at any size and scale factor, and being
/// inline it needs no request.
/// </summary>
public static class QrCodes
{
    public const string HelperName = "qr";

    /// <summary>Past this a QR code has too many modules to scan reliably off a poster.</summary>
    public const int MaxLength = 1000;

    /// <summary>Makes <c>{{qr x}}</c> available to <paramref name="handlebars"/>.</summary>
    public static void Register(IHandlebars handlebars) =>
        // A data URI is base64 and a fixed prefix: nothing in it needs escaping, and escaping '=' would only bloat it.
        handlebars.RegisterHelper(HelperName, (EncodedTextWriter output, Context _, Arguments arguments) =>
            output.WriteSafeString(DataUri(arguments.Length > 0 && arguments[0] is { } value and not UndefinedBindingResult
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : null)));

    /// <summary>The data URI, or an empty string for no value, so <c>{{#if link}}</c> templates need no special case.</summary>
    public static string DataUri(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Length > MaxLength)
            throw new RenderException($"A QR code holds at most {MaxLength} characters; this value has {text.Length}.", isPermanent: true);

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
