using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosterGen.Api.Models;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;
using PosterGen.Persistence;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Templates;

/// <summary>Creates templates and their immutable versions, and moves the active marker.</summary>
public class TemplateStore(PosterGenDbContext db)
{
    private const int DefaultSize = 1080;

    /// <summary>Adds a version to the template <paramref name="key"/>, creating the template on first upload.</summary>
    public async Task<TemplateVersionResponse> AddVersionAsync(string key, UploadTemplateRequest request, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var template = await db.Templates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is null)
        {
            template = new Template { Key = key, Section = request.Section ?? key, Name = request.Name ?? key, CreatedAt = now };
            db.Templates.Add(template);
        }
        template.Name = request.Name ?? template.Name;
        template.Section = request.Section ?? template.Section;
        template.UpdatedAt = now;

        var activate = request.SetAsActive ?? true;
        var previous = template.Versions.Count == 0 ? null : template.Versions.MaxBy(v => v.Version);
        if (activate || template.Versions.All(v => !v.IsActive))
            template.Versions.ForEach(v => v.IsActive = false);

        (int Width, int Height)? preset = SizePresets.TryGet(request.Preset, out var size) ? size : null;
        var fabricJson = request.FabricJsonText();
        var mappings = request.VariableMappings?.Select(m => new VariableMapping(m.Object!.Value, m.Field!)).ToList() ?? [];
        var placeholders = fabricJson is null
            ? PlaceholderExtractor.Extract(request.HtmlContent!, request.CssContent)
            : FabricCanvas.Load(fabricJson).Placeholders(mappings);
        var version = new TemplateVersion
        {
            Version = (previous?.Version ?? 0) + 1,
            Html = fabricJson is null ? request.HtmlContent : null,
            Css = request.CssContent,
            FabricJson = fabricJson,
            VariableMappings = mappings,
            Width = request.Width ?? preset?.Width ?? previous?.Width ?? DefaultSize,
            Height = request.Height ?? preset?.Height ?? previous?.Height ?? DefaultSize,
            Placeholders = placeholders.Select(p => PlaceholderSamples.Describe(p, request.SampleData)).ToList(),
            IsActive = activate || template.Versions.All(v => !v.IsActive),
            CreatedAt = now,
        };
        template.Versions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(template, version);
    }

    /// <summary>Makes <paramref name="version"/> the one a bare key resolves to; null when it does not exist.</summary>
    public async Task<TemplateVersionResponse?> ActivateAsync(string key, int version, CancellationToken cancellationToken)
    {
        var template = await db.Templates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        var target = template?.Versions.FirstOrDefault(v => v.Version == version);
        if (template is null || target is null) return null;

        template.Versions.ForEach(v => v.IsActive = v == target);
        template.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(template, target);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        db.Templates.AnyAsync(t => t.Key == key, cancellationToken);

    public async Task<IReadOnlyList<TemplateResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var templates = await db.Templates.AsNoTracking().Include(t => t.Versions).OrderBy(t => t.Key).ToListAsync(cancellationToken);
        return templates.Select(ToSummary).ToList();
    }

    public async Task<TemplateDetailResponse?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (template is null) return null;
        var shown = template.Versions.FirstOrDefault(v => v.IsActive) ?? template.Versions.MaxBy(v => v.Version)!;
        var summary = ToSummary(template);
        return new TemplateDetailResponse(summary.Key, summary.Name, summary.Section, summary.ActiveVersion, summary.LatestVersion,
            shown.Html, shown.Css, summary.Versions,
            shown.FabricJson is { } canvas ? JsonSerializer.Deserialize<JsonElement>(canvas) : null);
    }

    private static TemplateResponse ToSummary(Template template) => new(
        template.Key, template.Name, template.Section,
        template.Versions.FirstOrDefault(v => v.IsActive)?.Version,
        template.Versions.Max(v => v.Version),
        template.Versions.OrderBy(v => v.Version).Select(v => ToResponse(template, v)).ToList());

    private static TemplateVersionResponse ToResponse(Template template, TemplateVersion version) => new(
        template.Key, template.Name, template.Section, version.Version, version.IsActive, version.Width, version.Height,
        version.Placeholders, version.CreatedAt, version.FabricJson is null ? null : version.VariableMappings);

    /// <summary>The key a new upload goes under: from its section, else its name.</summary>
    public static string KeyFor(UploadTemplateRequest request) =>
        TemplateReference.KeyFrom(string.IsNullOrWhiteSpace(request.Section) ? request.Name! : request.Section);
}
