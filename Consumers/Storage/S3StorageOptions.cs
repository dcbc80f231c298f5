namespace PosterGen.Consumers.Storage;

/// <summary>
/// Section <c>Storage:S3</c>, checked at start when <c>Storage:Provider</c> is <c>s3</c>. Keys come from
/// configuration or the environment, never the repo.
/// </summary>
public class S3StorageOptions
{
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "";

    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";

    /// <summary>True: URLs are presigned GETs valid for <see cref="PresignedUrlMinutes"/>; false: plain public URLs.</summary>
    public bool PresignUrls { get; set; }

    /// <summary>1 to 10080 (7 days, the S3 maximum).</summary>
    public int PresignedUrlMinutes { get; set; } = 1440;

    /// <summary>
    /// Base of the URLs clients get when it differs from the service URL: a CDN, or the published
    /// MinIO port when the service URL names a host only the compose network resolves. Presigned
    /// URLs are signed for this host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
