using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen jobs cancel ID</c>: asks the service to cancel; items already rendering finish.</summary>
public class CancelJobCommand : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        await client.CancelJobAsync(settings.JobId, cancellationToken);
        Console.WriteLine($"job {settings.JobId}: cancel requested");
        return ExitCodes.AllRendered;
    }
}
