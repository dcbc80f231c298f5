using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosterGen.Consumers.Jobs;
using PosterGen.Consumers.Kafka;
using PosterGen.Consumers.Posters;
using PosterGen.Consumers.Rendering;
using PosterGen.Consumers.Retention;
using PosterGen.Consumers.RenderQueue;
using PosterGen.Consumers.Storage;
using PosterGen.Consumers.Templates;

namespace PosterGen.Consumers;

public static class ConsumersExtensions
{
    /// <summary>
    /// Registers the render pipeline: template catalog, renderer, storage and the render queue.
    /// Only a process that renders (<paramref name="renders"/>) pulls work from the queue; every
    /// process can put work on it and render a single poster on request. Browsers start with the
    /// process where posters are expected (<paramref name="servesPosters"/>: render work or the
    /// API's sync generation), and on first use anywhere else.
    /// </summary>
    public static IHostApplicationBuilder AddRenderPipeline(this IHostApplicationBuilder builder, bool renders, bool servesPosters = false)
    {
        builder.Services.AddSingleton<TemplateCatalog>();
        builder.AddPosterRenderer(startsBrowsers: servesPosters);
        builder.AddPosterStorage();
        builder.Services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddOptions<RenderQueueOptions>()
            .BindConfiguration(RenderQueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RenderCache>();
        builder.Services.AddScoped<IRenderPosterHandler, RenderPosterHandler>();

        var transport = builder.Configuration[$"{RenderQueueOptions.SectionName}:Transport"] ?? "database";
        if (transport == "database")
        {
            builder.Services.AddSingleton<RenderQueueSignal>();
            builder.Services.AddSingleton<DatabaseRenderClaims>();
            builder.Services.AddSingleton<IRenderQueue, DatabaseRenderQueue>();
            if (renders)
                builder.Services.AddHostedService<DatabaseRenderWorker>();
        }
        else if (transport == "kafka")
            builder.AddKafkaRenderQueue(renders);
        return builder;
    }

    private static void AddPosterStorage(this IHostApplicationBuilder builder)
    {
        var storage = builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration[$"{StorageOptions.SectionName}:Provider"] == "s3")
        {
            storage.Validate(o => !string.IsNullOrWhiteSpace(o.S3.ServiceUrl), "Storage:S3:ServiceUrl is required when Storage:Provider is 's3'.")
                .Validate(o => !string.IsNullOrWhiteSpace(o.S3.Bucket), "Storage:S3:Bucket is required when Storage:Provider is 's3'.")
                .Validate(o => o.S3.PresignedUrlMinutes is >= 1 and <= 10080, "Storage:S3:PresignedUrlMinutes must be between 1 and 10080.");
            builder.Services.AddSingleton<IPosterStorage, S3PosterStorage>();
        }
        else
            builder.Services.AddSingleton<IPosterStorage, LocalFolderStorage>();
    }
}
