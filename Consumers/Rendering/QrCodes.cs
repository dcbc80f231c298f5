using System.Text;
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
