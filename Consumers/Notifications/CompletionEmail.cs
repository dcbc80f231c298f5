using System.Globalization;
using System.Text;

namespace PosterGen.Consumers.Notifications;

/// <summary>The completion email's words: what happened to the job, its counts and duration, and where to get the posters.</summary>
public static class CompletionEmail
{
    public static string SubjectFor(EndedJob job) => job.Status switch
    {
        "completed" => $"PosterGen job completed: {job.Succeeded} posters rendered",
        "completed_with_failures" => $"PosterGen job completed with failures: {job.Succeeded} of {job.Total} posters rendered",
        "failed" => $"PosterGen job failed: {job.Succeeded} of {job.Total} posters rendered",
        _ => $"PosterGen job cancelled: {job.Succeeded} of {job.Total} posters rendered",
    };

    public static string BodyFor(EndedJob job, string template, DateTime startedAt, JobLinks links)
    {
        var duration = job.EndedAt.UtcDateTime - startedAt;
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Job {job.JobId} ({template}) is {job.Status.Replace('_', ' ')}.")
            .AppendLine();
        if (job.Reason is not null)
            body.AppendLine(CultureInfo.InvariantCulture, $"Reason: {job.Reason}").AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"Posters:   {job.Total}")
            .AppendLine(CultureInfo.InvariantCulture, $"Rendered:  {job.Succeeded}")
            .AppendLine(CultureInfo.InvariantCulture, $"Failed:    {job.Failed}")
            .AppendLine(CultureInfo.InvariantCulture, $"Cancelled: {job.Cancelled}")
            .AppendLine(CultureInfo.InvariantCulture, $"Duration:  {Describe(duration)}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Status:  {links.Status}")
            .AppendLine(CultureInfo.InvariantCulture, $"Archive: {links.Archive}")
            .AppendLine(CultureInfo.InvariantCulture, $"PDF:     {links.Pdf}");
        return body.ToString();
    }

    private static string Describe(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 0 => "0 s",
        < 60 => $"{duration.TotalSeconds:0.0} s",
        < 3600 => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };
}
