using Microsoft.OpenApi;

namespace PosterGen.Api.Extensions;

/// <summary>
/// Describes bodies that handlers read themselves (raw bytes, forms) in the API description only.
/// <c>Accepts</c> would describe them too, but also make routing refuse other content types with a bare
/// 415, where the handler or validator gives a 400 that says what to send (and clients send files as
/// whatever curl or their library picks).
/// </summary>
public static class BodyDescriptions
{
    public static readonly OpenApiSchema Binary = new() { Type = JsonSchemaType.String, Format = "binary" };

    public static RouteHandlerBuilder DescribeBody(this RouteHandlerBuilder builder, string contentType, string description, IOpenApiSchema schema) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });

    /// <summary>A multipart form of these fields, <paramref name="required"/> among them.</summary>
    public static OpenApiSchema Form(Dictionary<string, IOpenApiSchema> fields, params string[] required) =>
        new() { Type = JsonSchemaType.Object, Properties = fields, Required = required.ToHashSet() };

    public static OpenApiSchema Text(string description, params string[] choices) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = choices.Length == 0 ? null : choices.Select(c => (System.Text.Json.Nodes.JsonNode)c).ToList(),
    };
}
