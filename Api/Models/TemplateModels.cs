using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Models;

/// <summary>Body of <c>POST /api/templates</c> (and <c>/upload</c>) and <c>PUT /api/templates/{key}</c>.</summary>
public record UploadTemplateRequest(
    string? Section,
    string? Name,
    string? HtmlContent,
    string? CssContent,
    int? Width,
    int? Height,
    bool? SetAsActive);

public record TemplateVersionResponse(
    string Key,
    string Name,
    string Section,
    int Version,
    bool IsActive,
    int Width,
    int Height,
    IReadOnlyList<TemplatePlaceholder> Placeholders,
    DateTime CreatedAt);

public record TemplateResponse(
    string Key,
    string Name,
    string Section,
    int? ActiveVersion,
    int LatestVersion,
    IReadOnlyList<TemplateVersionResponse> Versions);

public record TemplateDetailResponse(
    string Key,
    string Name,
    string Section,
    int? ActiveVersion,
    int LatestVersion,
    string HtmlContent,
    string? CssContent,
    IReadOnlyList<TemplateVersionResponse> Versions);
