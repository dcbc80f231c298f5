using Microsoft.Extensions.Configuration.Memory;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PosterGen.Api.Telemetry;
using PosterGen.Consumers.Telemetry;
using PosterGen.Persistence.Outbox;

namespace PosterGen.Api.Extensions;

public static class TelemetryExtensions
{
    /// <summary>
    /// Lowest-precedence logging defaults, so appsettings or the environment can still raise any of
    /// them: framework chatter (every EF Core command, MassTransit's per-message lines) at Warning,
    /// scopes (job_id, item_index) on the same line as the message.
    /// </summary>
    private static readonly Dictionary<string, string?> LoggingDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:System.Net.Http"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
    };

    /// <summary>
    /// Prometheus metrics at <c>/metrics</c>; traces from the HTTP request through MassTransit (the
    /// saga, the dispatcher) to the render and its storage write; all three exported over OTLP only
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder, PosterGenOptions roles)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("postergen", serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("postergen.roles", roles.Roles)]))
            .WithMetrics(metrics => metrics.AddMeter(PosterGenTelemetry.Name).AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(PosterGenTelemetry.Name, OutboxTelemetry.Name, "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(logs => logs.IncludeScopes = true);
            telemetry.UseOtlpExporter();
        }

        if (roles.Has("api"))
            builder.Services.AddSingleton<JobMetrics>();
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // Created here so its gauges exist before the first scrape.
        app.Services.GetService<JobMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
