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
    private readonly AmazonS3Client signer;

    public S3PosterStorage(IOptions<StorageOptions> storage)
    {
        options = storage.Value.S3;
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
        };
        client = Connect(config);
        // Presigning is offline, but the signature covers the host: sign for the address clients
        // use (PublicBaseUrl), which inside docker-compose is not the one this process reaches.
        signer = options.PublicBaseUrl is null ? client : Connect(new AmazonS3Config
        {
            ServiceURL = options.PublicBaseUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
        });
    }

    private AmazonS3Client Connect(AmazonS3Config config) => options.AccessKey is null
        ? new AmazonS3Client(config)
        : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);

    public async Task<StoredPoster> SaveAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await PutAsync(key, content, contentType, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchBucket")
        {
            // A fresh host (docker compose up): the bucket appears with the first poster, and
            // costs nothing on every later save.
            await CreateBucketAsync(cancellationToken);
            await PutAsync(key, content, contentType, cancellationToken);
        }
        return new StoredPoster(key, await UrlOfAsync(key));
    }

    private async Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
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
    }

    private async Task CreateBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another renderer created it first.
        }
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

        return await signer.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddMinutes(options.PresignedUrlMinutes),
            Protocol = (options.PublicBaseUrl ?? options.ServiceUrl).StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    public void Dispose()
    {
        client.Dispose();
        if (signer != client) signer.Dispose();
    }
}
