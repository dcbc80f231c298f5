using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Storage;

/// <summary>Section <c>Storage:Local</c>.</summary>
public class LocalStorageOptions
{
    /// <summary>Folder the posters are written to, relative to the working directory unless rooted.</summary>
    [Required(ErrorMessage = "Storage:Local:Path is required.")]
    public string Path { get; set; } = "data/posters";

    /// <summary>URL path the API serves that folder under.</summary>
    public const string RequestPath = "/posters";

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
