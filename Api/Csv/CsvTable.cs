using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace PosterGen.Api.Csv;

/// <summary>
/// A CSV file read into items, one per row, keyed by the header; or what is wrong with it, by row
/// (<c>rows[12]</c>, with its line) or for the whole <c>file</c>. Every value is a string.
/// </summary>
public record CsvTable(IReadOnlyList<JsonElement> Items, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>A file with more broken rows names the first ones only: the answer stays readable.</summary>
    public const int MaxRowErrors = 50;

    public static async Task<CsvTable> ReadAsync(Stream content, int maxRows, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var items = new List<JsonElement>();
        // Strict UTF-8: a binary file fails on its first invalid byte instead of turning into rows of noise.
        using var reader = new StreamReader(content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var line = 1;
        var rowIndex = 0;
        try
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
                return Failed("file", "The file is empty: its first line must be a header naming the placeholders.");
            var header = csv.HeaderRecord!;
            if (HeaderProblem(header) is { } problem)
                return Failed("file", problem);

            line = csv.Parser.RawRow + 1;
            while (await csv.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (rowIndex >= maxRows)
                    return Failed("file", $"The file holds more than {maxRows} rows (PosterGen:MaxBatchItems); split it into several batches.");
                var path = $"rows[{rowIndex}]";
                if (csv.Parser.Count != header.Length)
                    errors[path] = [$"Line {line} has {Fields(csv.Parser.Count)}; the header has {header.Length}."];
                else if (csv.Parser.Record!.Any(HasControlCharacter))
                    errors[path] = [$"Line {line} holds control characters: the file does not look like CSV text."];
                else
                {
                    var row = new Dictionary<string, string>(header.Length);
                    for (var column = 0; column < header.Length; column++)
                        row[header[column]] = csv.Parser.Record![column];
                    items.Add(JsonSerializer.SerializeToElement(row));
                }
                if (errors.Count >= MaxRowErrors) break;
                rowIndex++;
                line = csv.Parser.RawRow + 1;
            }
        }
        catch (DecoderFallbackException)
        {
            return Failed("file", $"The file is not UTF-8 text (an invalid byte at line {line} or soon after): send the CSV as UTF-8.");
        }
        catch (BadDataException)
        {
            errors[$"rows[{rowIndex}]"] = [$"Line {line} has a quote that is never closed or a field that goes on after its closing quote."];
        }
        if (errors.Count == 0 && items.Count == 0)
            return Failed("file", "The file has a header but no rows.");
        return new CsvTable(errors.Count == 0 ? items : [], errors);
    }

    private static string? HeaderProblem(string[] header)
    {
        if (header.Any(HasControlCharacter))
            return "The header holds control characters: the file does not look like CSV text.";
        var blank = Array.FindIndex(header, string.IsNullOrWhiteSpace);
        if (blank >= 0)
            return $"Column {blank + 1} of the header has no name.";
        var repeated = header.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1);
        return repeated is null ? null : $"The header names '{repeated.Key}' more than once.";
    }

    private static bool HasControlCharacter(string field) =>
        field.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private static string Fields(int count) => count == 1 ? "1 field" : $"{count} fields";

    private static CsvTable Failed(string path, string message) => new([], new Dictionary<string, string[]> { [path] = [message] });
}
