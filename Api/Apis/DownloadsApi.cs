using Microsoft.AspNetCore.Http.HttpResults;
using PosterGen.Api.Downloads;
using PosterGen.Api.Jobs;
using PosterGen.Sagas.BatchJobs;

namespace PosterGen.Api.Apis;

/// <summary>A finished job's posters in one download: a ZIP with a manifest, or one PDF.</summary>
public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Downloads");
        api.MapGet("/{id:guid}/archive", ArchiveAsync);
        api.MapGet("/{id:guid}/pdf", PdfAsync);
        return app;
    }

    /// <summary>Every rendered poster, named by entity_id (else item index), and <c>manifest.csv</c>.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ArchiveAsync(
        Guid id, HttpContext http, JobQueries jobs, JobArchive archive, bool partial = false)
    {
        var (_, problem) = await DownloadableAsync(id, partial, jobs, http.RequestAborted);
        if (problem is not null) return problem;

        var absoluteUrl = PosterUrls.AbsoluteFor(http.Request);
        return TypedResults.Stream(body => archive.WriteAsync(id, body, absoluteUrl, http.RequestAborted),
            "application/zip", $"job-{id}.zip");
    }

    /// <summary>A page per rendered poster, in item order.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> PdfAsync(
        Guid id, HttpContext http, JobQueries jobs, DownloadQueries downloads, JobPdf pdf, PdfPosterMerger merger,
        bool partial = false)
    {
        var (job, problem) = await DownloadableAsync(id, partial, jobs, http.RequestAborted);
        if (problem is not null) return problem;

        switch (job?.Format)
        {
            case "webp":
                return TypedResults.Problem("WebP posters cannot be placed on PDF pages; download the job's archive instead.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "The job's posters are WebP.");
            case "pdf":
                return TypedResults.Stream(body => merger.WriteAsync(id, body, http.RequestAborted), "application/pdf", $"job-{id}.pdf");
        }

        var size = job is null ? null : await downloads.TemplateSizeAsync(job.TemplateKey, job.TemplateVersion, http.RequestAborted);
        return TypedResults.Stream(body => pdf.WriteAsync(id, size, body, http.RequestAborted), "application/pdf", $"job-{id}.pdf");
    }

    /// <summary>The job, when it may be downloaded: 404 when it does not exist, 409 while it runs unless a partial download is asked for.</summary>
    private static async Task<(BatchJobState? Job, ProblemHttpResult? Problem)> DownloadableAsync(
        Guid id, bool partial, JobQueries jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.FindJobAsync(id, cancellationToken);
        if (job is null && !await jobs.ExistsAsync(id, cancellationToken))
            return (null, Problems.JobNotFound(id));

        var status = job is null ? JobStatus.Pending : JobStatus.From(job);
        if (!partial && !JobStatus.IsFinal(status))
            return (job, TypedResults.Problem(
                $"Job '{id}' is {status}: download it once it has finished, or ask for what is ready with ?partial=true.",
                statusCode: StatusCodes.Status409Conflict, title: "The job is still running."));
        return (job, null);
    }
}
