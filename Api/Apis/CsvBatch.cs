using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Extensions;
using PosterGen.Api.Models;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Apis;

/// <summary>
/// <c>POST /api/generate-batch/csv</c>: a multipart form with <c>template_id</c> and <c>file</c>, a CSV
/// whose header names the placeholders; each row is one item, and its columns are strings.
/// </summary>
public static class CsvBatch
{
    public static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem>> GenerateAsync(
        HttpRequest http, [AsParameters] GenerationServices services, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
            return Invalid("file", "Send a multipart/form-data body with 'template_id' and a CSV 'file'.");
        var form = await http.ReadFormAsync(cancellationToken);
        var templateId = form["template_id"].ToString();
        if (!TemplateReference.TryParse(templateId, out _))
            return Invalid("template_id", "template_id must look like 'key', 'key@3' or 'key_latest'.");
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return Invalid("file", "A non-empty CSV 'file' is required.");

        var items = await ReadItemsAsync(file, cancellationToken);
        var maxItems = http.HttpContext.RequestServices.PosterGen().MaxBatchItems;
        if (items.Count == 0 || items.Count > maxItems)
            return Invalid("file", $"The CSV must hold between 1 and {maxItems} rows after its header.");

        var resolved = await GenerationApi.ResolveAsync(templateId, items, i => $"items[{i}]", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        return await GenerationApi.SubmitAsync(resolved.Template!, items, ReadOptions(form), null, services, cancellationToken);
    }

    private static async Task<List<JsonElement>> ReadItemsAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var items = new List<JsonElement>();
        if (!await csv.ReadAsync() || !csv.ReadHeader()) return items;

        var header = csv.HeaderRecord!;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new Dictionary<string, string?>();
            for (var column = 0; column < header.Length; column++)
                row[header[column]] = csv.GetField(column);
            items.Add(JsonSerializer.SerializeToElement(row));
        }
        return items;
    }

    private static RenderOptionsRequest ReadOptions(IFormCollection form) => new(
        form.TryGetValue("format", out var format) ? format.ToString() : null,
        int.TryParse(form["quality"], out var quality) ? quality : null,
        double.TryParse(form["device_scale_factor"], CultureInfo.InvariantCulture, out var scale) ? scale : null,
        int.TryParse(form["priority"], out var priority) ? priority : null,
        int.TryParse(form["deadline_seconds"], out var deadline) ? deadline : null);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
