using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Consumers.Telemetry;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;
using PosterGen.Persistence.Outbox;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Consumers.Posters;

/// <summary>
/// Renders one queued poster (or finds it in the render cache), then records its result row, marks
/// its item done and publishes its outcome, all in one transaction through the outbox. The result
/// row is the effect that must happen once: a redelivered message finds it and does nothing more,
/// since the outcome event left with the row. Items of a job that is no longer running are skipped:
/// the job gives them their result rows itself.
/// </summary>
public class RenderPosterHandler(
    PosterGenDbContext db,
    TemplateCatalog templates,
    RenderCache cache,
    ILogger<RenderPosterHandler> logger) : IRenderPosterHandler
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    public async Task<PosterOutcome> HandleAsync(RenderPoster message, CancellationToken cancellationToken)
    {
        using var activity = PosterGenTelemetry.StartRender(message);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["job_id"] = message.JobId, ["item_index"] = message.ItemIndex });
        if (await FindResultAsync(message.JobId, message.ItemIndex, cancellationToken) is { } existing)
            return existing.Status == PosterStatus.Rendered ? PosterOutcome.Rendered : PosterOutcome.Failed;
        if (!await IsRunningAsync(message.JobId, cancellationToken))
            return PosterOutcome.Skipped;

        var template = await templates.FindVersionAsync(message.Tenant, message.TemplateKey, message.TemplateVersion, cancellationToken);
        var result = template is null
            ? Failed(NewResult(message.JobId, message.ItemIndex, message.EntityId),
                $"Template '{message.TemplateKey}@{message.TemplateVersion}' does not exist.", attempts: 0)
            : await RenderAsync(message, template, cancellationToken);
        var recorded = await RecordAsync(result, cancellationToken);
        // Counted by the delivery whose row won, so a duplicate delivery does not count twice.
        if (ReferenceEquals(recorded, result))
            PosterGenTelemetry.PosterRecorded(message.TemplateKey, result.Status == PosterStatus.Rendered, TimeSpan.FromMilliseconds(result.GenerationTimeMs));
        if (template is null) return PosterOutcome.TemplateMissing;
        return recorded.Status == PosterStatus.Rendered ? PosterOutcome.Rendered : PosterOutcome.Failed;
    }

    public async Task RecordFailedAsync(Guid jobId, int itemIndex, string reason, CancellationToken cancellationToken)
    {
        if (await FindResultAsync(jobId, itemIndex, cancellationToken) is null)
            await RecordAsync(Failed(NewResult(jobId, itemIndex, entityId: null), reason, attempts: 0), cancellationToken);
    }

    private static PosterResult NewResult(Guid jobId, int itemIndex, string? entityId) =>
        new() { JobId = jobId, ItemIndex = itemIndex, EntityId = entityId };

    /// <summary>False once the job is cancelled or failed; a job the saga has not stored yet counts as running.</summary>
    private async Task<bool> IsRunningAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var state = await db.BatchJobs.AsNoTracking().Where(j => j.CorrelationId == jobId).Select(j => j.CurrentState)
            .FirstOrDefaultAsync(cancellationToken);
        return state is null or nameof(BatchJobStateMachine.Dispatching) or nameof(BatchJobStateMachine.Rendering);
    }

    private async Task<PosterResult> RenderAsync(RenderPoster message, ResolvedTemplate template, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = NewResult(message.JobId, message.ItemIndex, message.EntityId);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (stored, cacheHit, warnings) = await cache.GetOrRenderAsync(template.Poster, message.Data, message.Options, cancellationToken);

                result.Status = PosterStatus.Rendered;
                result.Url = stored.Url;
                result.StorageKey = stored.Key;
                result.CacheHit = cacheHit;
                result.Warnings = PosterResult.JoinWarnings(warnings);
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
                template = await templates.FindVersionAsync(message.Tenant, message.TemplateKey, message.TemplateVersion, cancellationToken) ?? template;
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
                Level = JobLogLevel.Warning,
                Message = $"Item {result.ItemIndex} failed: {result.Error}",
                CreatedAt = result.CreatedAt,
            });
        db.AddToOutbox<object>(result.Status == PosterStatus.Rendered
            ? new PosterRendered(result.JobId, result.ItemIndex, result.EntityId, result.Url!, result.GenerationTimeMs, result.CacheHit, result.CreatedAt)
            : new PosterFailed(result.JobId, result.ItemIndex, result.EntityId, result.Error!, result.Attempts, result.CreatedAt));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same item (or the job's cancel) recorded its row first; that
            // row is the outcome. Anything else is a real failure and is thrown again.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await FindResultAsync(result.JobId, result.ItemIndex, cancellationToken) is { } first) return first;
            throw;
        }
        await db.BatchItems.Where(i => i.JobId == result.JobId && i.ItemIndex == result.ItemIndex)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, BatchItemState.Done), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private Task<PosterResult?> FindResultAsync(Guid jobId, int itemIndex, CancellationToken cancellationToken) =>
        db.PosterResults.AsNoTracking().FirstOrDefaultAsync(r => r.JobId == jobId && r.ItemIndex == itemIndex, cancellationToken);
}
