using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen jobs retry-failed ID</c>: the job's failed items, rendered again as a new job whose id it prints.</summary>
public class RetryFailedCommand : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        var accepted = await client.RetryFailedAsync(settings.JobId, cancellationToken);
        Console.WriteLine(accepted.GetProperty("job_id").GetString());
        return ExitCodes.AllRendered;
    }
}
