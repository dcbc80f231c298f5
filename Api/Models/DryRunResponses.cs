namespace PosterGen.Api.Models;

/// <summary>Answer to a batch request with <c>dry_run</c>: what each item would give, nothing rendered to storage.</summary>
public record DryRunResponse(bool DryRun, int TotalItems, int ItemsWithErrors, int ItemsWithWarnings, IReadOnlyList<DryRunItem> Items);

/// <param name="Warnings">What its poster would carry, e.g. <c>text_overflow: #headline</c>.</param>
/// <param name="Errors">Why it would not be accepted or rendered, each <c>path: reason</c>.</param>
public record DryRunItem(int ItemIndex, string? EntityId, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors);
