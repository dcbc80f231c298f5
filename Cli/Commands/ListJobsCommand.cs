using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen jobs list</c>: the most recent jobs, newest first.</summary>
public class ListJobsCommand : AsyncCommand<ListJobsCommand.Settings>
{
    public class Settings : ServiceSettings
    {
        [CommandOption("--limit <N>")]
        [Description("How many jobs (default 20).")]
        public int Limit { get; set; } = 20;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        var jobs = await client.ListJobsAsync(Math.Clamp(settings.Limit, 1, 1000), cancellationToken);
        var rows = jobs.EnumerateArray().Select(job => new[]
        {
            job.GetProperty("job_id").GetString()!,
            job.GetProperty("status").GetString()!,
            job.GetProperty("template_id").GetString() ?? "",
            job.GetProperty("success_count").GetInt32().ToString(),
            job.GetProperty("failure_count").GetInt32().ToString(),
            job.GetProperty("total_items").GetInt32().ToString(),
            job.GetProperty("created_at").GetDateTime().ToString("u"),
        }).ToList();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Into a pipe or file: one tab-separated line per job, for grep and cut.
            foreach (var row in rows) Console.WriteLine(string.Join('\t', row));
            return ExitCodes.AllRendered;
        }
        var table = new Table().AddColumns("job", "status", "template", "rendered", "failed", "total", "created");
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
        return ExitCodes.AllRendered;
    }
}
