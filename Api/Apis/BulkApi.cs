using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PosterGen.Api.Bulk;
using PosterGen.Api.Idempotency;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Api.Apis;

/// <summary>Seed 002's frontend, verbatim: <c>POST /api/generate-bulk</c> and its <c>/api/batch/jobs</c> routes.</summary>
public static class BulkApi
{
    private const string DefaultSize = "instagram-square";

    public static IEndpointRouteBuilder MapBulkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Bulk");
        api.MapPost("/generate-bulk", GenerateBulkAsync).Idempotent().Validate<BulkRequest>();
        api.MapGet("/batch/jobs/{id:guid}", JobsApi.GetAsync);
        api.MapGet("/batch/jobs/{id:guid}/stream", JobStreamApi.StreamAsync);
        return app;
    }

    /// <summary>Stores the inline template as a version (once per distinct HTML), then queues a poster per row.</summary>
    public static async Task<Results<Accepted<JobAcceptedResponse>, Ok<DryRunResponse>, ProblemHttpResult, ValidationProblem>> GenerateBulkAsync(
        BulkRequest request, HttpRequest http, InlineTemplates inline, [AsParameters] GenerationServices services, IPosterRenderer renderer,
        CancellationToken cancellationToken)
    {
        var key = await inline.EnsureAsync(request.CsvTemplate!, request.Size ?? DefaultSize, cancellationToken);
        var rows = request.CsvData!.Value.EnumerateArray().Select(row => AsObject(row, request.CsvColumns!)).ToList();
        if (request.DryRun == true)
        {
            var (found, notFound) = await GenerationApi.FindTemplateAsync(key, services, cancellationToken);
            if (notFound is not null) return notFound;
            return await DryRun.CheckAsync(found!, rows, i => $"csvData[{i}]", new Contracts.RenderOptions(), services, renderer, cancellationToken);
        }
        var resolved = await GenerationApi.ResolveAsync(key, rows, i => $"csvData[{i}]", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        var template = resolved.Template!;
        if (await services.Pending.RefuseAsync(rows.Count, cancellationToken) is { } refused) return refused;
        var jobId = await services.Jobs.SubmitAsync(template, rows, new Contracts.RenderOptions(), deadlineSeconds: null, client: null,
            JobNotificationTargets.From(request, request.Metadata, http), cancellationToken);
        var status = $"/api/batch/jobs/{jobId}";
        return TypedResults.Accepted(status, new JobAcceptedResponse(true, jobId,
            $"Job accepted: {rows.Count} poster(s) from the inline template '{key}'.", $"{status}/stream", status, rows.Count));
    }

    /// <summary>A row as an object of column values; array rows are in <c>csvColumns</c> order.</summary>
    private static JsonElement AsObject(JsonElement row, List<string> columns)
    {
        if (row.ValueKind == JsonValueKind.Object) return row;
        var values = new JsonObject();
        var cells = row.EnumerateArray().ToList();
        for (var i = 0; i < columns.Count; i++)
            values[columns[i]] = JsonNode.Parse(cells[i].GetRawText());
        return JsonSerializer.SerializeToElement(values);
    }
}
