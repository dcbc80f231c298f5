using PosterGen.Tests.Api;
using PosterGen.Tests.Distributed;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Lifecycle;

/// <summary>
/// The embedded default as a user runs it, a process of its own on a SQLite file, killed with
/// SIGKILL in the middle of a batch and started again on the same data: the job ends with every
/// item rendered once.
/// </summary>
public class EmbeddedCrashRecoveryTests
{
    private const int Items = 300;
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "postergen-tests", $"crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings__Database"] = $"Data Source={Path.Combine(folder, "postergen.db")}",
        ["Storage__Local__Path"] = Path.Combine(folder, "posters"),
        ["Render__Concurrency"] = "2",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [Test]
    public async Task Kill_9_mid_batch_then_a_restart_on_the_same_data_renders_every_item_once()
    {
        string statusEndpoint;
        await using (var first = await ServiceProcess.StartAsync("embedded", Settings))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            var template = await client.UploadTemplateAsync("crash",
                "<div style=\"font:20px DejaVu Sans;background:#264653;color:#fff;width:160px;height:90px\">{{n}}</div>", 160, 90);
            var response = await client.PostJsonAsync("/api/generate-batch", new
            {
                template_id = template,
                items = Enumerable.Range(0, Items).Select(i => new { entity_id = $"e{i}", n = $"poster {i}" }),
            });
            Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
            statusEndpoint = (await response.ReadJsonAsync()).GetProperty("status_endpoint").GetString()!;

            await Eventually.HoldsAsync(async () => (await client.JobStatusAsync(statusEndpoint)).GetProperty("success_count").GetInt32() >= 50,
                TimeSpan.FromMinutes(3));
            first.KillHard();
        }

        var before = await CountAsync("SELECT count(*) FROM poster_results");
        Assert.That(before, Is.InRange(50, Items - 1), "the kill came mid-batch");

        await using var second = await ServiceProcess.StartAsync("embedded-again", Settings);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        var status = await again.WaitForJobAsync(statusEndpoint);

        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("completed"), status.ToString());
        Assert.That(status.GetProperty("success_count").GetInt32(), Is.EqualTo(Items));
        Assert.That(await CountAsync("SELECT count(*) FROM poster_results"), Is.EqualTo(Items));
        Assert.That(await CountAsync("SELECT count(DISTINCT item_index) FROM poster_results WHERE status = 'rendered'"), Is.EqualTo(Items));
        Assert.That(await CountAsync("SELECT count(*) FROM batch_items WHERE state <> 'done'"), Is.Zero);
    }

    private Task<long> CountAsync(string sql) => SqliteFile.ScalarAsync(Path.Combine(folder, "postergen.db"), sql);
}
