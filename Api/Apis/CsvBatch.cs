using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Rendering;

namespace PosterGen.Api.Apis;

/// <summary>
/// <c>POST /api/generate-batch/csv</c>: a multipart form with <c>template_id</c> and <c>file</c>, a CSV
/// whose header names the placeholders; each row is one item, and its columns are strings. The form
/// arrives read and validated (<see cref="CsvBatchForm"/>); errors in rows are named <c>rows[i]</c>.
/// </summary>
public static class CsvBatch
{
    public static async Task<Results<Accepted<JobAcceptedResponse>, Ok<DryRunResponse>, ProblemHttpResult, ValidationProblem>> GenerateAsync(
        CsvBatchForm form, HttpRequest http, [AsParameters] GenerationServices services, IPosterRenderer renderer, CancellationToken cancellationToken)
    {
        var items = form.Rows!.Items;
        if (form.IsDryRun)
        {
            var (found, notFound) = await GenerationApi.FindTemplateAsync(form.TemplateId!, services, cancellationToken);
            if (notFound is not null) return notFound;
            return await DryRun.CheckAsync(found!, items, i => $"rows[{i}]",
                RenderOptionsRequestValidator.ToOptions(form.Options), services, renderer, cancellationToken);
        }
        var resolved = await GenerationApi.ResolveAsync(form.TemplateId!, items, i => $"rows[{i}]", services, cancellationToken);
        if (resolved.Problem is { } problem) return problem;
        if (resolved.Invalid is { } invalid) return invalid;

        return GenerationApi.OrDryRun(await GenerationApi.SubmitAsync(resolved.Template!, items, form.Options, null,
            JobNotificationTargets.From(form, null, http), services, cancellationToken));
    }
}
