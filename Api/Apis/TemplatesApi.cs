using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;
using PosterGen.Api.Validation;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Templates;
using PosterGen.Contracts;
using PosterGen.Persistence.Tenancy;

namespace PosterGen.Api.Apis;

public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/templates").WithTags("Templates").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", UploadAsync).Validate<UploadTemplateRequest>();
        api.MapPost("/upload", UploadAsync).Validate<UploadTemplateRequest>();
        api.MapGet("/", ListAsync);
        api.MapGet("/{key}", GetAsync);
        api.MapPut("/{key}", AddVersionAsync).Validate<NewVersionRequest>();
        api.MapPost("/{key}/activate", ActivateAsync).Validate<ActivateRequest>();
        api.MapGet("/{key}/preview", PreviewAsync).Produces<byte[]>(contentType: "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Created<TemplateVersionResponse>> UploadAsync(
        UploadTemplateRequest request, TemplateStore store, CancellationToken cancellationToken)
    {
        var created = await store.AddVersionAsync(TemplateStore.KeyFor(request), request, cancellationToken);
        return TypedResults.Created($"/api/templates/{created.Key}", created);
    }

    public static async Task<Results<Created<TemplateVersionResponse>, ProblemHttpResult>> AddVersionAsync(
        string key, NewVersionRequest request, TemplateStore store, CancellationToken cancellationToken)
    {
        if (!await store.ExistsAsync(key, cancellationToken))
            return Problems.TemplateNotFound(key);
        var created = await store.AddVersionAsync(key, request.ForTemplate(), cancellationToken);
        return TypedResults.Created($"/api/templates/{created.Key}", created);
    }

    public static async Task<Ok<IReadOnlyList<TemplateResponse>>> ListAsync(TemplateStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<TemplateDetailResponse>, ProblemHttpResult>> GetAsync(
        string key, TemplateStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken) is { } template
            ? TypedResults.Ok(template)
            : Problems.TemplateNotFound(key);

    /// <summary>
    /// The template rendered with its sample values (text without a sample shows its name), as the
    /// image itself. <paramref name="key"/> takes any reference: <c>promo</c>, <c>promo@2</c>, <c>promo_latest</c>.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PreviewAsync(
        string key, string? format, TemplateCatalog templates, CurrentTenant tenant, IPosterRenderer renderer, CancellationToken cancellationToken)
    {
        if (!TemplateReference.TryParse(key, out var reference) || await templates.FindAsync(tenant.Required, reference, cancellationToken) is not { } template)
            return Problems.TemplateNotFound(key);
        if (format is not null && !RenderOptionsRequestValidator.Formats.Contains(format))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.",
                detail: $"format must be one of {string.Join(", ", RenderOptionsRequestValidator.Formats)}.");

        try
        {
            var poster = await renderer.RenderAsync(template.Poster, PlaceholderSamples.PreviewData(template.Placeholders),
                RenderOptions.Default with { Format = format ?? RenderOptions.Default.Format }, cancellationToken);
            return TypedResults.File(poster.Content, poster.ContentType);
        }
        catch (RenderException exception)
        {
            return TypedResults.Problem(statusCode: exception.IsPermanent ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status503ServiceUnavailable,
                title: "The preview could not be rendered.", detail: exception.Message);
        }
    }

    public static async Task<Results<Ok<TemplateVersionResponse>, ProblemHttpResult>> ActivateAsync(
        string key, ActivateRequest request, TemplateStore store, CancellationToken cancellationToken) =>
        await store.ActivateAsync(key, request.Version, cancellationToken) is { } activated
            ? TypedResults.Ok(activated)
            : Problems.TemplateNotFound($"{key}@{request.Version}");
}
