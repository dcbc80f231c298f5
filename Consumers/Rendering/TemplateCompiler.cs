using System.Collections.Concurrent;
using System.Text.Json;
using HandlebarsDotNet;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Turns a template version plus one item's data into the page's HTML. <c>{{x}}</c> is HTML-escaped
/// by Handlebars; only <c>{{{x}}}</c>, written by the template's author, inserts raw markup.
/// Compiled templates are cached per version, which never changes once stored. Helpers: <c>{{qr x}}</c>.
/// </summary>
public class TemplateCompiler
{
    /// <summary>The helpers a template may call: the one registered here and Handlebars' own <c>lookup</c>.</summary>
    public static readonly IReadOnlySet<string> Helpers = new HashSet<string> { QrCodes.HelperName, "lookup" };

    private readonly IHandlebars handlebars = Handlebars.Create();
    private readonly ConcurrentDictionary<(string Tenant, string Key, int Version), Lazy<HandlebarsTemplate<object, object>>> compiled = new();

    public TemplateCompiler() => QrCodes.Register(handlebars);

    public string Fill(PosterTemplate template, JsonElement data)
    {
        var render = compiled.GetOrAdd((template.Tenant, template.Key, template.Version),
            _ => new Lazy<HandlebarsTemplate<object, object>>(() => Compile(template))).Value;
        try
        {
            return TemplateAssetUrls.Pin(render(ToObject(data) ?? new Dictionary<string, object?>()), template.Assets);
        }
        catch (HandlebarsException exception)
        {
            throw new RenderException($"Template '{template.Key}@{template.Version}' could not be filled: {exception.Message}", isPermanent: true, exception);
        }
    }

    private HandlebarsTemplate<object, object> Compile(PosterTemplate template)
    {
        try
        {
            return handlebars.Compile(WithCss(template.Html
                ?? throw new RenderException($"Template '{template.Key}@{template.Version}' has no HTML.", isPermanent: true), template.Css));
        }
        catch (HandlebarsException exception)
        {
            throw new RenderException($"Template '{template.Key}@{template.Version}' does not compile: {exception.Message}", isPermanent: true, exception);
        }
    }

    private static string WithCss(string html, string? css)
    {
        if (string.IsNullOrWhiteSpace(css)) return html;
        var style = $"<style>{css}</style>";
        var head = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return head >= 0 ? html.Insert(head, style) : style + html;
    }

    /// <summary>JSON into the dictionaries, lists and primitives Handlebars walks.</summary>
    internal static object? ToObject(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
