using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Consumers.Storage;
using PosterGen.Consumers.Telemetry;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Consumers.Posters;

/// <summary>
/// Renders one queued poster (or finds it in the render cache), records its result row and publishes the outcome.
/// The result row is the effect that must happen once: a redelivered message finds the row and
/// only publishes its outcome again, which the saga then ignores as a duplicate.
/// </summary>
public class RenderPosterHandler(
    PosterGenDbContext db,
    TemplateCatalog templates,
    RenderCache cache,
    IPublishEndpoint publisher,
    ILogger<RenderPosterHandler> logger) : IRenderPosterHandler
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    public async Task<PosterOutcome> HandleAsync(RenderPoster message, CancellationToken cancellationToken)
    {
        using var activity = PosterGenTelemetry.StartRender(message);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["job_id"] = message.JobId, ["item_index"] = message.ItemIndex });
        var existing = await FindResultAsync(message.JobId, message.ItemIndex, cancellationToken);
        var outcome = PosterOutcome.Rendered;
        if (existing is null)
        {
            var template = await templates.FindVersionAsync(message.TemplateKey, message.TemplateVersion, cancellationToken);
            var result = template is null
                ? Failed(NewResult(message.JobId, message.ItemIndex, message.EntityId),
                    $"Template '{message.TemplateKey}@{message.TemplateVersion}' does not exist.", attempts: 0)
                : await RenderAsync(message, template, cancellationToken);
            existing = await RecordAsync(result, cancellationToken);
            // Counted by the delivery whose row won, so a duplicate delivery does not count twice.
            if (ReferenceEquals(existing, result))
                PosterGenTelemetry.PosterRecorded(message.TemplateKey, result.Status == PosterStatus.Rendered, TimeSpan.FromMilliseconds(result.GenerationTimeMs));
            if (template is null) outcome = PosterOutcome.TemplateMissing;
        }
        await PublishOutcomeAsync(existing, cancellationToken);
        return outcome == PosterOutcome.TemplateMissing || existing.Status == PosterStatus.Rendered ? outcome : PosterOutcome.Failed;
    }

    public async Task RecordUnreadableAsync(Guid jobId, int itemIndex, string reason, CancellationToken cancellationToken)
    {
        var existing = await FindResultAsync(jobId, itemIndex, cancellationToken)
            ?? await RecordAsync(Failed(NewResult(jobId, itemIndex, entityId: null), reason, attempts: 0), cancellationToken);
        await PublishOutcomeAsync(existing, cancellationToken);
    }

    private static PosterResult NewResult(Guid jobId, int itemIndex, string? entityId) =>
        new() { JobId = jobId, ItemIndex = itemIndex, EntityId = entityId };

    private async Task<PosterResult> RenderAsync(RenderPoster message, ResolvedTemplate template, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = NewResult(message.JobId, message.ItemIndex, message.EntityId);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (stored, cacheHit) = await cache.GetOrRenderAsync(template.Poster, message.Data, message.Options, cancellationToken);

                result.Status = PosterStatus.Rendered;
                result.Url = stored.Url;
                result.StorageKey = stored.Key;
                result.CacheHit = cacheHit;
                result.Attempts = attempt;
                result.GenerationTimeMs = stopwatch.ElapsedMilliseconds;
                return result;
            }
            catch (RenderException exception) when (exception.IsPermanent || attempt == MaxAttempts)
            {
                result.GenerationTimeMs = stopwatch.ElapsedMilliseconds;
                return Failed(result, exception.Message, attempt);
            }
            catch (RenderException exception)
            {
                logger.LogInformation("Poster {JobId}/{ItemIndex} attempt {Attempt} failed, retrying: {Reason}",
                    message.JobId, message.ItemIndex, attempt, exception.Message);
                await Task.Delay(FirstRetryDelay * Math.Pow(2, attempt - 1), cancellationToken);
                // An asset replaced meanwhile has new bytes in storage, and the old ones are gone.
                template = await templates.FindVersionAsync(message.TemplateKey, message.TemplateVersion, cancellationToken) ?? template;
            }
        }
    }

    private static PosterResult Failed(PosterResult result, string reason, int attempts)
    {
        result.Status = PosterStatus.Failed;
        result.Error = reason;
        result.Attempts = attempts;
        return result;
    }

    private async Task<PosterResult> RecordAsync(PosterResult result, CancellationToken cancellationToken)
    {
        result.CreatedAt = DateTime.UtcNow;
        db.PosterResults.Add(result);
        if (result.Status == PosterStatus.Failed)
            db.JobLogs.Add(new JobLog
            {
                JobId = result.JobId,
                Level = "warning",
                Message = $"Item {result.ItemIndex} failed: {result.Error}",
                CreatedAt = result.CreatedAt,
            });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same item recorded its row first; that row is the outcome.
            db.ChangeTracker.Clear();
            return await FindResultAsync(result.JobId, result.ItemIndex, cancellationToken)
                ?? throw new InvalidOperationException($"Could not record the result of {result.JobId}/{result.ItemIndex}.");
        }
    }

    private Task<PosterResult?> FindResultAsync(Guid jobId, int itemIndex, CancellationToken cancellationToken) =>
        db.PosterResults.AsNoTracking().FirstOrDefaultAsync(r => r.JobId == jobId && r.ItemIndex == itemIndex, cancellationToken);

    private Task PublishOutcomeAsync(PosterResult result, CancellationToken cancellationToken) =>
        result.Status == PosterStatus.Rendered
            ? publisher.Publish(new PosterRendered(result.JobId, result.ItemIndex, result.EntityId, result.Url!,
                result.GenerationTimeMs, result.CacheHit, result.CreatedAt), cancellationToken)
            : publisher.Publish(new PosterFailed(result.JobId, result.ItemIndex, result.EntityId, result.Error!,
                result.Attempts, result.CreatedAt), cancellationToken);
}
