using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PosterGen.Api.Auth;
using PosterGen.Api.Downloads;
using PosterGen.Api.Idempotency;
using PosterGen.Api.Jobs;
using PosterGen.Api.Streaming;
using PosterGen.Api.Templates;
using PosterGen.Api.Validation;
using PosterGen.Consumers;
using PosterGen.Consumers.Notifications;
using PosterGen.Persistence;

namespace PosterGen.Api.Extensions;

public static class Extensions
{
    /// <summary>Registers everything the roles in <c>PosterGen:Roles</c> need.</summary>
    public static WebApplicationBuilder AddPosterGen(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PosterGenOptions.SectionName).Get<PosterGenOptions>() ?? new();
        builder.Services.AddOptions<PosterGenOptions>()
            .BindConfiguration(PosterGenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.AddPersistence();
        builder.AddRenderPipeline(renders: options.Has("render"), servesPosters: options.Has("render") || options.Has("api"));
        builder.AddJobNotifications(sends: options.Has("saga"));
        builder.AddMessaging(options);
        builder.AddTelemetry(options);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = BadRequestHandler.DescribeTooLarge);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // Unreadable bodies and parameters throw, in every environment, so BadRequestHandler answers them alike.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddApiDescription();
        builder.Services.AddApiKeys();
        builder.Services.AddRateLimits();
        builder.Services.AddIdempotency();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        ValidationNames.UseSnakeCase();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<JobSubmitter>();
        builder.Services.AddScoped<PendingItemsLimit>();
        builder.Services.AddScoped<JobQueries>();
        builder.Services.AddScoped<JobLogQueries>();
        builder.Services.AddScoped<WebhookDeliveryQueries>();
        builder.Services.AddScoped<JobEventStream>();
        builder.Services.AddScoped<PosterGen.Api.Templates.TemplateStore>();
        builder.Services.AddScoped<TemplateAssetStore>();
        builder.Services.AddOptions<TemplateAssetOptions>()
            .BindConfiguration(TemplateAssetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobEventHub>();
        builder.Services.AddJobDownloads();
        builder.Services.AddScoped<PosterGen.Api.Bulk.InlineTemplates>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Work that must finish before the first request: the schema, unless a deployment step owns it.</summary>
    public static Task PrepareAsync(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart ? services.MigrateDatabaseAsync() : Task.CompletedTask;

    public static WebApplication UsePosterGenDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.UseIdempotencyKeys();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    internal static PosterGenOptions PosterGen(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<PosterGenOptions>>().Value;
}
