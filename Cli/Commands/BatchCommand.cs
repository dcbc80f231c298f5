using System.ComponentModel;
using System.Text.Json;
using PosterGen.Cli.Api;
using PosterGen.Cli.Progress;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen batch --template T (--csv rows.csv | --json items.json) [--wait] [--out DIR]</c>.</summary>
public class BatchCommand : AsyncCommand<BatchCommand.Settings>
{
    public class Settings : ServiceSettings
    {
        [CommandOption("--template <TEMPLATE>", isRequired: true)]
        [Description("key, key@N or key_latest.")]
        public string Template { get; set; } = "";

        [CommandOption("--csv <PATH>")]
        [Description("A CSV whose header names the placeholders; one poster per row.")]
        public string? Csv { get; set; }

        [CommandOption("--json <PATH>")]
        [Description("A JSON array of items, or an object with \"items\" (and optional \"metadata\", \"options\").")]
        public string? Json { get; set; }

        [CommandOption("--wait")]
        [Description("Follow the job until it finishes; the exit code then says whether every item rendered.")]
        public bool Wait { get; set; }

        [CommandOption("--out <DIR>")]
        [Description("Download the rendered posters into DIR once the job finishes (implies --wait).")]
        public string? Out { get; set; }

        public override ValidationResult Validate()
        {
            if ((Csv is null) == (Json is null)) return ValidationResult.Error("give exactly one of --csv and --json");
            var path = Csv ?? Json!;
            return File.Exists(path) ? ValidationResult.Success() : ValidationResult.Error($"no file at '{path}'");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        var accepted = settings.Csv is not null
            ? await client.SubmitCsvAsync(settings.Template, settings.Csv, cancellationToken)
            : await client.SubmitItemsAsync(await JsonBodyAsync(settings.Template, settings.Json!, cancellationToken), cancellationToken);
        var jobId = accepted.GetProperty("job_id").GetGuid();
        Console.Error.WriteLine($"job {jobId}: {accepted.GetProperty("total_items").GetInt32()} items accepted");
        if (!settings.Wait && settings.Out is null)
        {
            Console.WriteLine(jobId);
            return ExitCodes.AllRendered;
        }

        var follower = new JobFollower(client);
        var status = await ProgressDisplay.RunAsync(jobId, report => follower.FollowAsync(jobId, report, cancellationToken));
        if (settings.Out is not null)
        {
            var written = await new PosterDownloader(client).DownloadAsync(jobId, settings.Out, cancellationToken);
            Console.WriteLine($"{written} posters in {Path.GetFullPath(settings.Out)}");
        }
        if (status != "completed")
            await ShowJobCommand.PrintFailuresAsync(client, jobId, cancellationToken);
        return ExitCodes.ForJobStatus(status);
    }

    /// <summary>The file as the generate-batch body: a bare array becomes <c>items</c>.</summary>
    private static async Task<object> JsonBodyAsync(string template, string path, CancellationToken cancellationToken)
    {
        JsonElement document;
        try
        {
            await using var file = File.OpenRead(path);
            document = (await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken)).RootElement;
        }
        catch (JsonException exception)
        {
            throw new CliFailure($"--json: {path} is not JSON ({exception.Message})");
        }
        return document.ValueKind switch
        {
            JsonValueKind.Array => new { template_id = template, items = document },
            JsonValueKind.Object when document.TryGetProperty("items", out var items) => new
            {
                template_id = template,
                items,
                metadata = document.TryGetProperty("metadata", out var metadata) ? metadata : (JsonElement?)null,
                options = document.TryGetProperty("options", out var options) ? options : (JsonElement?)null,
            },
            _ => throw new CliFailure($"--json: {path} must hold an array of items or an object with \"items\""),
        };
    }
}
