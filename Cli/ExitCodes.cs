using Spectre.Console.Cli;

namespace PosterGen.Cli;

/// <summary>What scripts calling the CLI can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Done; with <c>--wait</c>, every item rendered.</summary>
    public const int AllRendered = 0;

    /// <summary>A bad argument, an unreachable service or a refused request; one line on stderr says which.</summary>
    public const int Error = 1;

    /// <summary>The job finished but not every item rendered (failed items, a failed or cancelled job).</summary>
    public const int SomeFailed = 3;

    public static int ForJobStatus(string status) => status == "completed" ? AllRendered : SomeFailed;

    /// <summary>One line, no stack trace: the reason is for the person at the prompt, not for a debugger.</summary>
    public static int Report(Exception exception)
    {
        var reason = exception switch
        {
            CommandAppException or CliFailure => exception.Message,
            HttpRequestException http => $"cannot reach the service: {http.Message}",
            TaskCanceledException or OperationCanceledException => "stopped before the job finished",
            IOException io => io.Message,
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        Console.Error.WriteLine($"postergen: {reason.ReplaceLineEndings(" ")}");
        return Error;
    }
}
