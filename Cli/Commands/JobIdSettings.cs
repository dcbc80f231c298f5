using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

public class JobIdSettings : ServiceSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The job id.")]
    public string Id { get; set; } = "";

    public Guid JobId => Guid.Parse(Id);

    public override ValidationResult Validate() =>
        Guid.TryParse(Id, out _) ? ValidationResult.Success() : ValidationResult.Error($"'{Id}' is not a job id");
}
