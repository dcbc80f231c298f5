using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Rendering;

/// <summary>Section <c>Chromium</c>.</summary>
public class ChromiumOptions
{
    public const string SectionName = "Chromium";

    /// <summary>The system Chromium; PuppeteerSharp never downloads a browser of its own here.</summary>
    [Required(ErrorMessage = "Chromium:ExecutablePath is required.")]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";
}
