using Npgsql;
using PosterGen.Tests.Api;
using PosterGen.Tests.Distributed;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Lifecycle;

/// <summary>
/// A process whose PostgreSQL is not up yet when it starts (a host rebooting, docker-compose starting
/// everything at once) waits for it, saying so once, instead of crashing; once the database answers it
/// creates the database, migrates and serves.
/// </summary>
public class DatabaseDownAtStartTests
{
    [Test]
    public async Task A_service_started_before_its_database_waits_then_migrates_and_serves()
    {
        var server = new NpgsqlConnectionStringBuilder(StackSettings.Get("ConnectionStrings__Database"));
        await using var database = new TcpRelay(server.Host!, server.Port);
        var name = $"t_{Guid.NewGuid():N}"[..14];
        var folder = Path.Combine(Path.GetTempPath(), "postergen-tests", $"dbdown-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__Database"] = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = database.Port, Database = name }.ToString(),
            ["Storage__Local__Path"] = folder,
            ["Render__Concurrency"] = "1",
            ["Render__Browsers"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        await using var service = ServiceProcess.Launch("before-its-database", settings);
        await Eventually.HoldsAsync(() => service.Log.Contains("Waiting for the database"), TimeSpan.FromSeconds(60), () => service.Log);
        // Several retries later it is still waiting, not gone.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.That(service.HasExited, Is.False, service.Log);
        Assert.That(CountOf(service.Log, "Waiting for the database"), Is.EqualTo(1), "one line per outage, not one per retry");

        database.Open();
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));

        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await client.UploadTemplateAsync("late", "<div style=\"font:40px DejaVu Sans\">{{title}}</div>", 300, 200);
        var poster = await client.PostJsonAsync("/api/generate", new { template_id = "late", custom_data = new { title = "Served" } });
        Assert.That((int)poster.StatusCode, Is.EqualTo(200), await poster.Content.ReadAsStringAsync());
        Directory.Delete(folder, recursive: true);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
