using HandlebarsDotNet;

namespace PosterGen.Consumers.Rendering;

/// <summary>
/// Checks a template's Handlebars before it is stored, so a broken one is refused at upload with
/// the line to fix instead of failing every poster later. It knows what <see cref="TemplateCompiler"/>
/// can fill: the built-in blocks, the helpers it registers, no partials, raw blocks or decorators.
/// Handlebars.Net itself then compiles the text, for anything this scan lets through.
/// </summary>
public static class TemplateSyntax
{
    private static readonly HashSet<string> BlockHelpers = ["if", "unless", "each", "with"];
    private static readonly IHandlebars Compiler = Handlebars.Create();

    /// <summary>The first problem, as a sentence naming its line (1-based); null when the text compiles.</summary>
    public static string? FindError(string text)
    {
        var blocks = new Stack<(string Name, int Line)>();
        var lines = new LineCounter(text);
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var line = lines.At(at);
            if (at > 0 && text[at - 1] == '\\')
            {
                at += 2; // \{{ is literal text
                continue;
            }
            if (Comment(text, at) is { } comment)
            {
                if (comment.End < 0) return $"Line {line}: the comment '{comment.Opening}' is never closed with '{comment.Closing}'.";
                at = comment.End;
                continue;
            }

            var triple = at + 2 < text.Length && text[at + 2] == '{';
            if (triple && at + 3 < text.Length && text[at + 3] == '{')
                return $"Line {line}: raw blocks ('{{{{{{{{') are not supported.";
            var bodyStart = at + (triple ? 3 : 2);
            var close = text.IndexOf("}}", bodyStart, StringComparison.Ordinal);
            var nextOpen = text.IndexOf("{{", bodyStart, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                return $"Line {line}: '{Excerpt(text, at)}' is never closed with '{(triple ? "}}}" : "}}")}'.";
            var closedTriple = close + 2 < text.Length && text[close + 2] == '}';
            if (triple != closedTriple)
                return $"Line {line}: '{Excerpt(text, at)}' opens with {(triple ? 3 : 2)} braces and closes with {(closedTriple ? 3 : 2)}.";

            var body = text[bodyStart..close].Trim().Trim('~').Trim();
            if (Check(body, line, blocks) is { } error) return error;
            at = close + (triple ? 3 : 2);
        }
        if (blocks.TryPeek(out var open))
            return $"Line {open.Line}: '{{{{#{open.Name}}}}}' is never closed with '{{{{/{open.Name}}}}}'.";

        try
        {
            Compiler.Compile(text);
            return null;
        }
        catch (Exception exception) when (exception is HandlebarsException or InvalidOperationException)
        {
            return $"The template does not compile: {exception.Message.Split('\n')[0]}";
        }
    }

    private static string? Check(string body, int line, Stack<(string Name, int Line)> blocks)
    {
        if (body.Length == 0) return $"Line {line}: '{{{{}}}}' holds nothing.";
        var words = body.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        switch (body[0])
        {
            case '>':
                return $"Line {line}: partials ('{{{{{body}}}}}') are not supported: put the markup in the template.";
            case '*':
                return $"Line {line}: decorators ('{{{{{body}}}}}') are not supported.";
            case '&':
                return $"Line {line}: '{{{{{body}}}}}' is not supported: write '{{{{{{{body[1..].Trim()}}}}}}}' for raw HTML.";
            case '#' or '^' when body.Length > 1:
            {
                var name = body[1..].TrimStart().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
                if (name.StartsWith('>') || name.StartsWith('*'))
                    return $"Line {line}: partial blocks and decorators ('{{{{{body}}}}}') are not supported.";
                var arguments = body[1..].Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Length - 1;
                if (BlockHelpers.Contains(name) && arguments == 0)
                    return $"Line {line}: '{{{{#{name}}}}}' needs a value to test or walk, e.g. '{{{{#{name} items}}}}'.";
                if (!BlockHelpers.Contains(name) && arguments > 0)
                    return $"Line {line}: '{name}' is not a block helper; the blocks are {string.Join(", ", BlockHelpers.Select(h => "#" + h))}.";
                blocks.Push((name, line));
                return null;
            }
            case '#':
                return $"Line {line}: '{{{{#}}}}' opens a block without a name.";
            case '/':
            {
                var name = body[1..].Trim();
                if (!blocks.TryPop(out var open))
                    return $"Line {line}: '{{{{/{name}}}}}' closes a block that was never opened.";
                return open.Name == name
                    ? null
                    : $"Line {line}: '{{{{/{name}}}}}' closes '{{{{#{open.Name}}}}}', opened at line {open.Line}.";
            }
        }
        if (words[0] is "else" || body == "^")
            return blocks.Count > 0 ? null : $"Line {line}: '{{{{{body}}}}}' is outside any block.";

        if (words.Length > 1 && !TemplateCompiler.Helpers.Contains(words[0]))
            return $"Line {line}: '{words[0]}' is not a helper (the helpers are {string.Join(", ", TemplateCompiler.Helpers)}); " +
                $"a placeholder is one name, e.g. '{{{{{words[0]}}}}}'.";
        foreach (var call in words.Where(w => w.StartsWith('(')).Select(w => w.TrimStart('(')))
        {
            if (!TemplateCompiler.Helpers.Contains(call))
                return $"Line {line}: '({call} ...)' calls '{call}', which is not a helper (the helpers are {string.Join(", ", TemplateCompiler.Helpers)}).";
        }
        return null;
    }

    private static (string Opening, string Closing, int End)? Comment(string text, int at)
    {
        if (string.CompareOrdinal(text, at, "{{!--", 0, 5) == 0)
        {
            var end = text.IndexOf("--}}", at + 5, StringComparison.Ordinal);
            return ("{{!--", "--}}", end < 0 ? -1 : end + 4);
        }
        if (string.CompareOrdinal(text, at, "{{!", 0, 3) == 0)
        {
            var end = text.IndexOf("}}", at + 3, StringComparison.Ordinal);
            return ("{{!", "}}", end < 0 ? -1 : end + 2);
        }
        return null;
    }

    /// <summary>Line numbers of positions met in order, counted once over the text.</summary>
    private sealed class LineCounter(string text)
    {
        private int counted;
        private int line = 1;

        public int At(int index)
        {
            for (; counted < index; counted++)
                if (text[counted] == '\n') line++;
            return line;
        }
    }

    private static string Excerpt(string text, int at)
    {
        var end = text.IndexOfAny(['\n', '\r'], at);
        var excerpt = text[at..(end < 0 ? text.Length : end)];
        return excerpt.Length > 40 ? excerpt[..40] + "..." : excerpt;
    }
}
