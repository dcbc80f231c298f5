using System.Text.Json;

namespace PosterGen.Api.Models;

public static class TemplateContent
{
    /// <summary>
    /// The canvas JSON as text: a string is taken as it is (JSON.stringify's output), an object as
    /// it was sent. Null without one; other kinds are refused by the validator.
    /// </summary>
    public static string? FabricJsonText(this ITemplateContent content) => content.FabricJson switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } canvas => canvas.GetRawText(),
        _ => null,
    };
}
