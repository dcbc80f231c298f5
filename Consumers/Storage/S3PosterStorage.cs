using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace PosterGen.Consumers.Storage;

/// <summary>Keeps posters in an S3 bucket (MinIO, AWS; s3rver in tests).</summary>
public sealed class S3PosterStorage : IPosterStorage, IDisposable
{
    private readonly S3StorageOptions options;
    private readonly AmazonS3Client client;

    public S3PosterStorage(IOptions<StorageOptions> storage)
    {
        options = storage.Value.S3;
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
        };
        client = options.AccessKey is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task<StoredPoster> SaveAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            // aws-chunked framing is stored verbatim by some S3 peers (s3rver), corrupting the file.
            UseChunkEncoding = false,
        }, cancellationToken);
        return new StoredPoster(key, await UrlOfAsync(key));
    }

    public async Task<StoredPoster?> FindAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(options.Bucket, key, cancellationToken);
            return new StoredPoster(key, await UrlOfAsync(key));
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(options.Bucket, key, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            return content.ToArray();
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // The response stream owns the HTTP response: disposing it frees the connection.
            var response = await client.GetObjectAsync(options.Bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        client.DeleteObjectAsync(options.Bucket, key, cancellationToken);

    private async Task<string> UrlOfAsync(string key)
    {
        if (!options.PresignUrls)
            return $"{(options.PublicBaseUrl ?? options.ServiceUrl).TrimEnd('/')}/{options.Bucket}/{key}";

        return await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddMinutes(options.PresignedUrlMinutes),
            Protocol = options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    public void Dispose() => client.Dispose();
}
