using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PosterGen.Api.Extensions;
using PosterGen.Api.Models;
using PosterGen.Api.Templates;

namespace PosterGen.Api.Apis;

/// <summary>
/// Fonts and images a template loads as <c>https://assets.postergen.invalid/{name}</c>. One file is
/// the request body of <c>PUT /api/templates/promo/assets/brand.woff2</c>, the way a backend streams
/// a file; a form (<c>POST</c>, multipart) carries several, each named by its file name.
/// </summary>
public static class TemplateAssetsApi
{
    public static IEndpointRouteBuilder MapTemplateAssetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/templates/{key}/assets").WithTags("Templates").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{name}", PutAsync).DescribeBody("application/octet-stream",
            "The file itself, of any content type: its name and first bytes say what it is.", BodyDescriptions.Binary);
        api.MapPost("/", PostFormAsync).DescribeBody("multipart/form-data", "One or more files, each stored under its file name.",
            BodyDescriptions.Form(new() { ["files"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = BodyDescriptions.Binary } }, "files")).DisableAntiforgery();
        api.MapGet("/", ListAsync);
        api.MapDelete("/{name}", DeleteAsync);
        return app;
    }

    /// <summary>Adds the asset, or replaces the one of that name: 201 when new, 200 when replaced.</summary>
    public static async Task<Results<Created<TemplateAssetResponse>, Ok<TemplateAssetResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string key, string name, HttpRequest http, TemplateAssetStore store, IValidator<AssetUpload> validator,
        IOptions<TemplateAssetOptions> options, CancellationToken cancellationToken)
    {
        if (await store.FindTemplateIdAsync(key, cancellationToken) is not { } templateId)
            return Problems.TemplateNotFound(key);

        AssetUpload[] upload = [new(name, await ReadAtMostAsync(http.Body, options.Value.MaxBytes + 1, cancellationToken))];
        var errors = await CheckAsync(templateId, key, upload, _ => "", store, validator, options.Value, cancellationToken);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var (asset, created) = await store.SaveAsync(templateId, key, upload[0], cancellationToken);
        return created
            ? TypedResults.Created($"/api/templates/{key}/assets", asset)
            : TypedResults.Ok(asset);
    }

    /// <summary>A multipart form of one or more files, each stored under its file name; all of them or none.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TemplateAssetResponse>>, ValidationProblem, ProblemHttpResult>> PostFormAsync(
        string key, HttpRequest http, TemplateAssetStore store, IValidator<AssetUpload> validator,
        IOptions<TemplateAssetOptions> options, CancellationToken cancellationToken)
    {
        if (await store.FindTemplateIdAsync(key, cancellationToken) is not { } templateId)
            return Problems.TemplateNotFound(key);
        var form = http.HasFormContentType ? await http.ReadFormAsync(cancellationToken) : null;
        if (form is not { Files.Count: > 0 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["files"] = ["Send multipart/form-data with one or more files; each file's name is the asset's name."],
            });

        var uploads = new List<AssetUpload>();
        foreach (var file in form.Files)
        {
            await using var content = file.OpenReadStream();
            // The name as sent: one with a path in it ('../x.png') is refused, not quietly cut down to 'x.png'.
            uploads.Add(new AssetUpload(file.FileName, await ReadAtMostAsync(content, options.Value.MaxBytes + 1, cancellationToken)));
        }
        var errors = await CheckAsync(templateId, key, uploads, i => $"files[{i}].", store, validator, options.Value, cancellationToken);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var saved = new List<TemplateAssetResponse>();
        foreach (var upload in uploads)
            saved.Add((await store.SaveAsync(templateId, key, upload, cancellationToken)).Asset);
        return TypedResults.Ok<IReadOnlyList<TemplateAssetResponse>>(saved);
    }

    public static async Task<Results<Ok<IReadOnlyList<TemplateAssetResponse>>, ProblemHttpResult>> ListAsync(
        string key, TemplateAssetStore store, CancellationToken cancellationToken) =>
        await store.FindTemplateIdAsync(key, cancellationToken) is { } templateId
            ? TypedResults.Ok(await store.ListAsync(templateId, cancellationToken))
            : Problems.TemplateNotFound(key);

    /// <summary>Posters that use it fail with a clear reason from then on, until it is uploaded again.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string key, string name, TemplateAssetStore store, CancellationToken cancellationToken)
    {
        if (await store.FindTemplateIdAsync(key, cancellationToken) is not { } templateId)
            return Problems.TemplateNotFound(key);
        return await store.DeleteAsync(templateId, name, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"Template '{key}' has no asset '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Asset not found.");
    }

    /// <summary>Each file's name and content, then the template's room for the new names; errors by path (<c>files[1].content</c>).</summary>
    private static async Task<Dictionary<string, string[]>> CheckAsync(
        int templateId, string key, IReadOnlyList<AssetUpload> uploads, Func<int, string> prefixOf, TemplateAssetStore store,
        IValidator<AssetUpload> validator, TemplateAssetOptions limits, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < uploads.Count; i++)
        {
            foreach (var (field, messages) in (await validator.ValidateAsync(uploads[i], cancellationToken)).ToDictionary())
                errors[prefixOf(i) + field] = messages;
        }

        var names = uploads.Select(u => u.Name).Distinct().ToList();
        if (errors.Count == 0 && await store.CountOthersAsync(templateId, names, cancellationToken) + names.Count > limits.MaxPerTemplate)
            errors[uploads.Count == 1 ? prefixOf(0) + "name" : "files"] =
                [$"Template '{key}' may have {limits.MaxPerTemplate} assets (TemplateAssets:MaxPerTemplate): delete one, or replace one by its name."];
        return errors;
    }

    /// <summary>The body, read no further than <paramref name="limit"/> bytes: enough to tell it is too large.</summary>
    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (content.Length < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - content.Length)), cancellationToken)) > 0)
            content.Write(buffer, 0, read);
        return content.ToArray();
    }
}
