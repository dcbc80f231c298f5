using Microsoft.OpenApi;

namespace PosterGen.Api.Extensions;

public static class BodyDescriptions
{
    /// <summary>
    /// Describes a body the handler reads itself (raw bytes, a form of files) in the API description only.
    /// <c>Accepts</c> would describe it too, but also make routing refuse other content types with 415,
    /// and clients send files as whatever curl or their library picks.
    /// </summary>
    public static RouteHandlerBuilder DescribeBody(this RouteHandlerBuilder builder, string contentType, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            var schema = contentType == "multipart/form-data"
                ? new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { ["files"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = binary } },
                }
                : binary;
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
            return Task.CompletedTask;
        });
}
