using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PosterGen.Api.Jobs;
using PosterGen.Api.Models;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;

namespace PosterGen.Api.Apis;

/// <summary>
/// <c>"dry_run": true</c> on a batch request: each item is checked against its template as a job
/// would check it, and an item that passes is laid out in a page (no capture, nothing stored) for
/// the warnings its poster would carry. No job, no rows, no files. Synchronous, so it is capped at
/// <see cref="MaxItems"/> items.
/// </summary>
public static class DryRun
{
    public const int MaxItems = 100;

    public static readonly string TooManyItems = $"A dry run checks at most {MaxItems} items; send a sample of the batch.";

    /// <param name="template">Found by <see cref="GenerationApi.FindTemplateAsync"/>, with its problems answered first.</param>
    public static async Task<Ok<DryRunResponse>> CheckAsync(
        ResolvedTemplate template, IReadOnlyList<JsonElement> items, Func<int, string> pathOf, RenderOptions options,
        GenerationServices services, IPosterRenderer renderer, CancellationToken cancellationToken)
    {
        var checks = items.Select(async (item, index) =>
        {
            var path = pathOf(index);
            var validation = await services.Items.ValidateAsync(new TemplateItems(template, [item], _ => path), cancellationToken);
            var errors = validation.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToList();
            IReadOnlyList<string> warnings = [];
            if (errors.Count == 0)
            {
                try
                {
                    warnings = await renderer.InspectAsync(template.Poster, item, options, cancellationToken);
                }
                catch (RenderException exception)
                {
                    errors.Add($"{path}: {exception.Message}");
                }
            }
            return new DryRunItem(index, JobSubmitter.EntityIdOf(item), warnings, errors);
        });
        var checkedItems = await Task.WhenAll(checks);
        return TypedResults.Ok(new DryRunResponse(true, checkedItems.Length,
            checkedItems.Count(i => i.Errors.Count > 0), checkedItems.Count(i => i.Warnings.Count > 0), checkedItems));
    }
}
