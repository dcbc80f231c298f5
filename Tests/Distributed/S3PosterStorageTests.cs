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
        storage = new S3PosterStorage(Options.Create(new StorageOptions
        {
            Provider = "s3",
            S3 = new S3StorageOptions
            {
                ServiceUrl = StackSettings.Get("Storage__S3__ServiceUrl"),
                Bucket = StackSettings.Get("Storage__S3__Bucket"),
                AccessKey = StackSettings.Get("Storage__S3__AccessKey"),
                SecretKey = StackSettings.Get("Storage__S3__SecretKey"),
            },
        }));
    }

    [OneTimeTearDown]
    public void Stop() => storage.Dispose();

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
