using PosterGen.Cli.Api;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen jobs show ID</c>: status, counts, timestamps and the failed items with their reasons.</summary>
public class ShowJobCommand : AsyncCommand<JobIdSettings>
{
    private const int FailuresShown = 20;

    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        var job = await client.GetJobAsync(settings.JobId, 1, 1, cancellationToken);
        var grid = new Grid().AddColumns(2);
        foreach (var name in new[] { "job_id", "status", "template_id", "template_version", "total_items", "success_count", "failure_count", "created_at", "started_at", "completed_at", "duration_seconds" })
            grid.AddRow(name, Markup.Escape(job.GetProperty(name).ToString()));
        AnsiConsole.Write(grid);
        await PrintFailuresAsync(client, settings.JobId, cancellationToken);
        return ExitCodes.AllRendered;
    }

    /// <summary>The first failed items and why, read from the job's results.</summary>
    public static async Task PrintFailuresAsync(PosterGenClient client, Guid jobId, CancellationToken cancellationToken)
    {
        var shown = 0;
        for (var page = 1; shown < FailuresShown; page++)
        {
            var job = await client.GetJobAsync(jobId, page, 500, cancellationToken);
            var results = job.GetProperty("results");
            foreach (var result in results.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "failed").Take(FailuresShown - shown))
            {
                shown++;
                Console.Error.WriteLine($"item {result.GetProperty("item_index").GetInt32()} ({result.GetProperty("entity_id")}): {result.GetProperty("error")}");
            }
            if (results.GetArrayLength() < 500) break;
        }
    }
}
