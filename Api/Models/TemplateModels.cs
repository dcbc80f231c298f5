using System.Text.Json;
using PosterGen.Persistence.Entities;

namespace PosterGen.Api.Models;

/// <summary>What every template version is made of, however it arrives.</summary>
public interface ITemplateContent
{
    string? Name { get; }

    /// <summary>An HTML page; or else <see cref="FabricJson"/>.</summary>
    string? HtmlContent { get; }
    string? CssContent { get; }

    /// <summary>A Fabric.js canvas as <c>canvas.toJSON()</c> writes it, as a JSON object or a string of one.</summary>
    JsonElement? FabricJson { get; }

    /// <summary>With <see cref="FabricJson"/>: canvas objects, by index, filled from item fields.</summary>
    IReadOnlyList<VariableMappingRequest>? VariableMappings { get; }

    /// <summary>A named size (<c>instagram-story</c>, <c>og-image</c>, <c>a4</c>, ...); width and height, when given, win.</summary>
    string? Preset { get; }
    int? Width { get; }
    int? Height { get; }

    /// <summary>Sample values by placeholder name, used by the preview.</summary>
    JsonElement? SampleData { get; }
}

/// <summary>Body of <c>POST /api/templates</c> (and <c>/upload</c>): a new template, or a new version of the section's.</summary>
public record UploadTemplateRequest(
    string? Section,
    string? Name,
    string? HtmlContent,
    string? CssContent,
    int? Width,
    int? Height,
    bool? SetAsActive,
    string? Preset = null,
    JsonElement? SampleData = null,
    JsonElement? FabricJson = null,
    IReadOnlyList<VariableMappingRequest>? VariableMappings = null) : ITemplateContent;

/// <summary>Body of <c>PUT /api/templates/{key}</c>: the next version of an existing template.</summary>
public record NewVersionRequest(
    string? Name,
    string? HtmlContent,
    string? CssContent,
    int? Width,
    int? Height,
    bool? SetAsActive,
    string? Preset = null,
    JsonElement? SampleData = null,
    JsonElement? FabricJson = null,
    IReadOnlyList<VariableMappingRequest>? VariableMappings = null) : ITemplateContent
{
    public UploadTemplateRequest ForTemplate() =>
        new(null, Name, HtmlContent, CssContent, Width, Height, SetAsActive, Preset, SampleData, FabricJson, VariableMappings);
}

/// <summary><c>{"object": 3, "field": "name"}</c>: canvas object 3 shows the item's <c>name</c>.</summary>
public record VariableMappingRequest(int? Object, string? Field);

/// <summary>Body of <c>POST /api/templates/{key}/activate</c>.</summary>
public record ActivateRequest(int Version);

public record TemplateVersionResponse(
    string Key,
    string Name,
    string Section,
    int Version,
    bool IsActive,
    int Width,
    int Height,
    IReadOnlyList<TemplatePlaceholder> Placeholders,
    DateTime CreatedAt,
    IReadOnlyList<VariableMapping>? VariableMappings = null);

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
    string? HtmlContent,
    string? CssContent,
    IReadOnlyList<TemplateVersionResponse> Versions,
    JsonElement? FabricJson = null);
