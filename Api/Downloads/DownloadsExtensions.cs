namespace PosterGen.Api.Downloads;

public static class DownloadsExtensions
{
    public static IServiceCollection AddJobDownloads(this IServiceCollection services) => services
        .AddScoped<DownloadQueries>()
        .AddScoped<JobArchive>()
        .AddScoped<JobPdf>()
        .AddScoped<PdfPosterMerger>();
}
