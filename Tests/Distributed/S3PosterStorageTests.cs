using Amazon.S3;
using Microsoft.Extensions.Options;
using PosterGen.Consumers.Storage;

namespace PosterGen.Tests.Distributed;

/// <summary>The S3 storage against the real S3 peer scripts/stack.sh runs (s3rver).</summary>
public class S3PosterStorageTests
{
    private S3PosterStorage storage = null!;

    [OneTimeSetUp]
    public void Start()
    {
        StackSettings.Require();
        storage = Connect(StackSettings.Get("Storage__S3__Bucket"));
    }

    private static S3PosterStorage Connect(string bucket, Action<S3StorageOptions>? configure = null)
    {
        var options = new S3StorageOptions
        {
            ServiceUrl = StackSettings.Get("Storage__S3__ServiceUrl"),
            Bucket = bucket,
            AccessKey = StackSettings.Get("Storage__S3__AccessKey"),
            SecretKey = StackSettings.Get("Storage__S3__SecretKey"),
        };
        configure?.Invoke(options);
        return new S3PosterStorage(Options.Create(new StorageOptions { Provider = "s3", S3 = options }));
    }

    private static AmazonS3Client Admin() => new(
        StackSettings.Get("Storage__S3__AccessKey"), StackSettings.Get("Storage__S3__SecretKey"),
        new AmazonS3Config { ServiceURL = StackSettings.Get("Storage__S3__ServiceUrl"), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    // s3rver lacks the ACL call AmazonS3Util.DoesS3BucketExistV2Async makes.
    private static async Task<List<string>> BucketsAsync(AmazonS3Client admin) =>
        (await admin.ListBucketsAsync()).Buckets?.Select(b => b.BucketName).ToList() ?? [];

    [OneTimeTearDown]
    public void Stop() => storage?.Dispose();

    [Test]
    public async Task The_first_save_to_a_bucket_that_does_not_exist_creates_it()
    {
        var bucket = $"fresh-{Guid.NewGuid():N}"[..20];
        using var admin = Admin();
        Assert.That(await BucketsAsync(admin), Does.Not.Contain(bucket));
        using var fresh = Connect(bucket);
        var content = Support.Png.Solid(2, 2, 1, 2, 3);
        try
        {
            await fresh.SaveAsync("renders/first.png", content, "image/png", CancellationToken.None);
            await fresh.SaveAsync("renders/second.png", content, "image/png", CancellationToken.None);

            Assert.That(await BucketsAsync(admin), Does.Contain(bucket));
            Assert.That(await fresh.ReadAsync("renders/first.png", CancellationToken.None), Is.EqualTo(content));
            Assert.That(await fresh.ReadAsync("renders/second.png", CancellationToken.None), Is.EqualTo(content));
        }
        finally
        {
            foreach (var key in new[] { "renders/first.png", "renders/second.png" })
                await admin.DeleteObjectAsync(bucket, key);
            await admin.DeleteBucketAsync(bucket);
        }
    }

    [Test]
    public async Task With_a_public_base_url_presigned_urls_name_that_host_and_fetch_the_poster()
    {
        // localhost is the same s3rver under another name, as the published MinIO port is from outside compose.
        var publicBase = StackSettings.Get("Storage__S3__ServiceUrl").Replace("127.0.0.1", "localhost");
        using var published = Connect(StackSettings.Get("Storage__S3__Bucket"), o => (o.PublicBaseUrl, o.PresignUrls) = (publicBase, true));
        var key = $"renders/public-{Guid.NewGuid():N}.png";
        var content = Support.Png.Solid(2, 2, 4, 5, 6);

        var stored = await published.SaveAsync(key, content, "image/png", CancellationToken.None);
        try
        {
            Assert.That(stored.Url, Does.StartWith($"{publicBase}/{StackSettings.Get("Storage__S3__Bucket")}/{key}?"));
            Assert.That(stored.Url, Does.Contain("X-Amz-Signature="));
            using var http = new HttpClient();
            Assert.That(await http.GetByteArrayAsync(stored.Url), Is.EqualTo(content));
        }
        finally
        {
            await published.DeleteAsync(key, CancellationToken.None);
        }
    }

    [Test]
    public async Task A_stored_object_reads_back_and_once_deleted_is_gone_and_deleting_again_is_fine()
    {
        var key = $"template-assets/s3-test/{Guid.NewGuid():N}.png";
        var content = Support.Png.Solid(2, 2, 10, 20, 30);

        var stored = await storage.SaveAsync(key, content, "image/png", CancellationToken.None);
        Assert.That(stored.Key, Is.EqualTo(key));
        Assert.That(await storage.ReadAsync(key, CancellationToken.None), Is.EqualTo(content));

        await storage.DeleteAsync(key, CancellationToken.None);
        Assert.That(await storage.FindAsync(key, CancellationToken.None), Is.Null);
        Assert.That(await storage.ReadAsync(key, CancellationToken.None), Is.Null);
        Assert.DoesNotThrowAsync(() => storage.DeleteAsync(key, CancellationToken.None));
    }
}
