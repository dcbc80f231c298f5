using System.Text.RegularExpressions;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Finds the placeholders a template uses. <c>{{name}}</c> and <c>{{{name}}}</c> are required; a
/// name the template only tests (<c>{{#if logo}}</c>), or uses inside such a block, is optional.
/// Names inside <c>#each</c>/<c>#with</c> belong to the inner object and are not listed. A helper's
/// arguments are placeholders, its name is not: <c>{{qr link}}</c> needs <c>link</c>.
/// </summary>
public static partial class PlaceholderExtractor
{
    private static readonly HashSet<string> Keywords = ["else", "this", "true", "false", "null", "undefined"];

    public static IReadOnlyList<TemplatePlaceholder> Extract(string html, string? css)
    {
        var found = new List<TemplatePlaceholder>();
        var blocks = new Stack<string>();
        foreach (Match tag in Tag().Matches((css ?? "") + "\n" + html))
        {
            var body = tag.Groups["body"].Value.Trim();
            if (body.StartsWith('!')) continue;

            if (body.StartsWith('#') || body.StartsWith('^'))
            {
                var parts = body[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var helper = parts[0];
                var insideScope = blocks.Any(b => b is "each" or "with");
                if (parts.Length > 1 && !insideScope && IsName(parts[1]))
                    Add(found, parts[1], required: false);
                blocks.Push(helper);
            }
            else if (body.StartsWith('/'))
            {
                if (blocks.Count > 0) blocks.Pop();
            }
            else if (!blocks.Any(b => b is "each" or "with"))
            {
                foreach (var name in NamesIn(body))
                    Add(found, name, required: blocks.Count == 0);
            }
        }
        return found;
    }

    /// <summary>
    /// Placeholders whose value becomes the URL of an image: the whole start of a <c>src</c>,
    /// <c>srcset</c> or <c>poster</c> attribute, or of a CSS <c>url()</c>. Such values
    /// are checked as images (data URI or allowed host) before a poster is made.
    /// </summary>
    public static IReadOnlySet<string> ImagePlaceholders(string html, string? css) =>
        ImageSlot().Matches((css ?? "") + "\n" + html).Select(m => m.Groups["name"].Value).Where(IsName).ToHashSet();

    /// <summary>
    /// Placeholders a block opens on (<c>{{#each rows}}</c>, <c>{{#with owner}}</c>, <c>{{#if logo}}</c>, a section
    /// <c>{{#offer}}</c>): lists and objects are what such values are for, so only printed ones must be text.
    /// </summary>
    public static IReadOnlySet<string> BlockPlaceholders(string html, string? css)
    {
        var found = new HashSet<string>();
        foreach (Match tag in Tag().Matches((css ?? "") + "\n" + html))
        {
            var body = tag.Groups["body"].Value.Trim();
            if (!body.StartsWith('#') && !body.StartsWith('^')) continue;
            var parts = body[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = parts.Length > 1 ? parts[1] : parts.FirstOrDefault();
            if (name is not null && IsName(name)) found.Add(name);
        }
        return found;
    }

    /// <summary><c>name</c> itself, or a helper call's name-like arguments (<c>qr link size=width</c>: link, width).</summary>
    private static IEnumerable<string> NamesIn(string body)
    {
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
            return IsName(parts[0]) ? [parts[0]] : [];
        // {{else if x}} chains a block: its helper is the second word.
        var arguments = parts[0] == "else" ? 2 : IsName(parts[0]) ? 1 : parts.Length;
        return parts.Skip(arguments).Select(part => part[(part.IndexOf('=') + 1)..]).Where(IsName);
    }

    private static void Add(List<TemplatePlaceholder> found, string name, bool required)
    {
        var index = found.FindIndex(p => p.Name == name);
        if (index < 0)
            found.Add(new TemplatePlaceholder(name, required));
        else if (required && !found[index].Required)
            found[index] = found[index] with { Required = true };
    }

    /// <summary>Whether <paramref name="text"/> can name a placeholder: <c>name</c>, <c>owner.name</c>.</summary>
    public static bool IsName(string text) => Name().IsMatch(text) && !Keywords.Contains(text);

    [GeneratedRegex(@"\{\{\{?~?(?<body>[^{}]*?)~?\}?\}\}")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(\b(src|srcset|poster)\s*=\s*[""']?|url\(\s*[""']?)\s*\{\{\{?~?\s*(?<name>[^{}\s~]+)\s*~?\}?\}\}", RegexOptions.IgnoreCase)]
    private static partial Regex ImageSlot();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z_][A-Za-z0-9_\-]*)*$")]
    private static partial Regex Name();
}
