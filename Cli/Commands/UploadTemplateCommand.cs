using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PosterGen.Cli.Commands;

/// <summary><c>postergen templates upload --section S --name N --file t.html [--width W --height H | --preset P]</c>.</summary>
public class UploadTemplateCommand : AsyncCommand<UploadTemplateCommand.Settings>
{
    public class Settings : ServiceSettings
    {
        [CommandOption("--section <SECTION>", isRequired: true)]
        [Description("Section the template belongs to; its key.")]
        public string Section { get; set; } = "";

        [CommandOption("--name <NAME>", isRequired: true)]
        public string Name { get; set; } = "";

        [CommandOption("--file <PATH>", isRequired: true)]
        [Description("The template's HTML, with {{placeholders}}.")]
        public string File { get; set; } = "";

        [CommandOption("--width <PIXELS>")]
        public int? Width { get; set; }

        [CommandOption("--height <PIXELS>")]
        public int? Height { get; set; }

        [CommandOption("--preset <PRESET>")]
        [Description("instagram-square, instagram-portrait, instagram-story, og-image, a4 or letter.")]
        public string? Preset { get; set; }

        public override ValidationResult Validate()
        {
            if (!System.IO.File.Exists(File)) return ValidationResult.Error($"--file: no file at '{File}'");
            if (Preset is not null && (Width is not null || Height is not null))
                return ValidationResult.Error("give either --width and --height or --preset, not both");
            if (Preset is null && (Width is null || Height is null))
                return ValidationResult.Error("give --width and --height, or --preset");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.Connect();
        var created = await client.UploadTemplateAsync(new
        {
            section = settings.Section,
            name = settings.Name,
            html_content = await System.IO.File.ReadAllTextAsync(settings.File, cancellationToken),
            width = settings.Width,
            height = settings.Height,
            preset = settings.Preset,
            set_as_active = true,
        }, cancellationToken);
        var placeholders = created.GetProperty("placeholders").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        AnsiConsole.WriteLine($"{created.GetProperty("key").GetString()} version {created.GetProperty("version").GetInt32()}, placeholders: {string.Join(", ", placeholders)}");
        return ExitCodes.AllRendered;
    }
}
