using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Extensions;
using PosterGen.Api.Idempotency;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;

namespace PosterGen.Api.Apis;

public static class GenerationApi
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static IEndpointRouteBuilder MapGenerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Generation")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        var batchBodyLimit = app.ServiceProvider.PosterGen().MaxBatchBodyBytes;
        api.MapPost("/generate", GenerateAsync).Idempotent().Validate<GenerateRequest>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/generate-async", GenerateLaterAsync).Idempotent().Validate<GenerateRequest>();
        api.MapPost("/templates/generate", GenerateLaterAsync).Idempotent().Validate<GenerateRequest>();
        api.MapPost("/generate-batch", GenerateBatchAsync).Idempotent().Validate<BatchRequest>().WithBodyLimit(batchBodyLimit);
        api.MapPost("/generate-batch/csv", CsvBatch.GenerateAsync).Idempotent().Validate<CsvBatchForm>().WithBodyLimit(batchBodyLimit).DisableAntiforgery()
            .DescribeBody("multipart/form-data", "A CSV file whose header names the placeholders, one poster per row.", CsvBatchForm.Description);
        return app;
    }

    /// <summary>Renders one poster while the client waits.</summary>
    public static async Task<Results<Ok<GenerateResponse>, ValidationProblem, ProblemHttpResult>> GenerateAsync(
        GenerateRequest request, HttpRequest http, [AsParameters] GenerationServices services, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (NotificationTargetsOnSyncRoute(request) is { } misplaced) return misplaced;
        var resolved = await ResolveAsync(request.TemplateId!, [request.CustomData ?? EmptyObject], _ => "custom_data", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        var template = resolved.Template!;
        try
        {
            var (stored, cacheHit, warnings) = await services.Posters.GetOrRenderAsync(template.Poster, request.CustomData ?? EmptyObject,
                RenderOptionsRequestValidator.ToOptions(request.Options), cancellationToken);
            return TypedResults.Ok(new GenerateResponse(PosterUrls.AbsoluteFor(http)(stored.Url)!, template.Poster.Version,
                template.Name, stopwatch.ElapsedMilliseconds, cacheHit, warnings));
        }
        catch (RenderException exception)
        {
            return TypedResults.Problem(
                statusCode: exception.IsPermanent ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status503ServiceUnavailable,
                title: "The poster could not be rendered.", detail: exception.Message);
        }
    }

    /// <summary>
    /// The answer to a synchronous request naming webhook or email targets: there is no job to tell
    /// about, and taking the fields in silence would let a client wait for a notification that never comes.
    /// </summary>
    private static ValidationProblem? NotificationTargetsOnSyncRoute(GenerateRequest request)
    {
        string[] noJob = ["/api/generate answers with the poster and makes no job to notify about; send it to /api/generate-async."];
        var errors = new Dictionary<string, string[]>();
        if (request.WebhookUrl is not null) errors["webhook_url"] = noJob;
        if (request.NotifyEmail is not null) errors["notify_email"] = noJob;
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    /// <summary>Queues one poster as a job of one item.</summary>
    public static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem>> GenerateLaterAsync(
        GenerateRequest request, HttpRequest http, [AsParameters] GenerationServices services, CancellationToken cancellationToken)
    {
        var item = request.CustomData ?? EmptyObject;
        var resolved = await ResolveAsync(request.TemplateId!, [item], _ => "custom_data", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        return await SubmitAsync(resolved.Template!, [item], request.Options, request.Metadata,
            JobNotificationTargets.From(request, request.Metadata, http), services, cancellationToken);
    }

    public static async Task<Results<Accepted<JobAcceptedResponse>, Ok<DryRunResponse>, ProblemHttpResult, ValidationProblem>> GenerateBatchAsync(
        BatchRequest request, HttpRequest http, [AsParameters] GenerationServices services, IPosterRenderer renderer, CancellationToken cancellationToken)
    {
        if (request.DryRun == true)
        {
            var (found, notFound) = await FindTemplateAsync(request.TemplateId!, services, cancellationToken);
            if (notFound is not null) return notFound;
            return await DryRun.CheckAsync(found!, request.Items!, i => $"items[{i}]",
                RenderOptionsRequestValidator.ToOptions(request.Options), services, renderer, cancellationToken);
        }
        var resolved = await ResolveAsync(request.TemplateId!, request.Items!, i => $"items[{i}]", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        return OrDryRun(await SubmitAsync(resolved.Template!, request.Items!, request.Options, request.Metadata,
            JobNotificationTargets.From(request, request.Metadata, http), services, cancellationToken));
    }

    /// <summary>A submission's answer as one of an endpoint that may also answer a dry run.</summary>
    internal static Results<Accepted<JobAcceptedResponse>, Ok<DryRunResponse>, ProblemHttpResult, ValidationProblem> OrDryRun(
        Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem> submitted) => submitted.Result switch
        {
            Accepted<JobAcceptedResponse> accepted => accepted,
            ProblemHttpResult problem => problem,
            ValidationProblem invalid => invalid,
            var other => throw new UnreachableException($"A submission answered {other.GetType().Name}."),
        };

    internal static async Task<Results<Accepted<JobAcceptedResponse>, ProblemHttpResult, ValidationProblem>> SubmitAsync(
        ResolvedTemplate template, IReadOnlyList<JsonElement> items, RenderOptionsRequest? options, JsonElement? metadata,
        JobNotificationTargets? notify, GenerationServices services, CancellationToken cancellationToken)
    {
        if (await services.Pending.RefuseAsync(items.Count, cancellationToken) is { } refused) return refused;
        var jobId = await services.Jobs.SubmitAsync(template, items, RenderOptionsRequestValidator.ToOptions(options),
            options?.DeadlineSeconds, ClientOf(metadata), notify, cancellationToken);
        var status = $"/api/jobs/{jobId}";
        return TypedResults.Accepted(status, new JobAcceptedResponse(true, jobId,
            $"Job accepted: {items.Count} poster(s) from template '{template.Poster.Key}@{template.Poster.Version}'.",
            $"{status}/stream", status, items.Count));
    }

    /// <summary>
    /// Finds the template (404 when missing), checks that the assets it names are uploaded (422) and
    /// that the items carry what it requires (400).
    /// </summary>
    internal static async Task<Resolution> ResolveAsync(
        string templateId, IReadOnlyList<JsonElement> items, Func<int, string> pathOf, GenerationServices services,
        CancellationToken cancellationToken)
    {
        var (template, problem) = await FindTemplateAsync(templateId, services, cancellationToken);
        if (problem is not null) return new Resolution(null, problem, null);

        var result = await services.Items.ValidateAsync(new TemplateItems(template!, items, pathOf), cancellationToken);
        return result.IsValid ? new Resolution(template, null, null) : new Resolution(null, null, TypedResults.ValidationProblem(result.ToDictionary()));
    }

    /// <summary>The template (404 when missing) if every asset it names is uploaded (422 otherwise).</summary>
    internal static async Task<(ResolvedTemplate? Template, ProblemHttpResult? Problem)> FindTemplateAsync(
        string templateId, GenerationServices services, CancellationToken cancellationToken)
    {
        TemplateReference.TryParse(templateId, out var reference);
        var template = await services.Templates.FindAsync(services.Tenant.Required, reference, cancellationToken);
        if (template is null)
            return (null, Problems.TemplateNotFound(templateId));

        var missing = template.MissingAssets.ToList();
        return missing.Count > 0 ? (null, Problems.TemplateAssetsMissing(template.Poster.Key, missing)) : (template, null);
    }

    private static string? ClientOf(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("client", out var client) && client.ValueKind == JsonValueKind.String
            ? client.GetString()
            : null;

    /// <summary>A resolved template, or why there is none: a problem with the template, or invalid items.</summary>
    internal record Resolution(ResolvedTemplate? Template, ProblemHttpResult? Problem, ValidationProblem? Invalid);
}
