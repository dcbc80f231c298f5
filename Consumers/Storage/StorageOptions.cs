using System.ComponentModel.DataAnnotations;

namespace PosterGen.Consumers.Storage;

/// <summary>Section <c>Storage</c>: where posters go.</summary>
public class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>local</c> (a folder served by the API) or <c>s3</c>.</summary>
    [Required, RegularExpression("^(local|s3)$", ErrorMessage = "Storage:Provider must be 'local' or 's3'.")]
    public string Provider { get; set; } = "local";

    public LocalStorageOptions Local { get; set; } = new();

    public S3StorageOptions S3 { get; set; } = new();
}
