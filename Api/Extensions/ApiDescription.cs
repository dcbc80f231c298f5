using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace PosterGen.Api.Extensions;

/// <summary>
/// <c>/openapi/v1.json</c>, generated from the endpoints (their <c>Results&lt;...&gt;</c>, bodies and problem
/// metadata) in the wire's snake_case, and Scalar's UI for it at <c>/scalar/v1</c>. Both are public.
/// </summary>
public static class ApiDescription
{
    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(document =>
        {
            document.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Info.Title = "PosterGen";
                openApi.Info.Description = "HTML templates plus rows of data make posters (PNG, JPEG, WebP, PDF), one at a time or in batches of up to 100,000.";
                AddHealth(openApi, "/health/live", "Liveness: the process answers.");
                AddHealth(openApi, "/health/ready", "Readiness: the database answers.");
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("PosterGen API"));
        return app;
    }

    /// <summary>Health checks are middleware endpoints that the generator does not see, so they are described here.</summary>
    private static void AddHealth(OpenApiDocument document, string path, string summary)
    {
        document.Paths ??= new OpenApiPaths();
        var text = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } };
        document.Paths[path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "Healthy", Content = text },
                        ["503"] = new OpenApiResponse { Description = "Unhealthy", Content = text },
                    },
                },
            },
        };
    }
}
