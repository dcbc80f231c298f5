using PosterGen.Tests.Api;
using PosterGen.Tests.Distributed;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// The embedded service as its own process, killed with SIGKILL the moment its job completes, while
/// the job's webhook receiver and SMTP server are both down; started again on the same data with
/// both back, it delivers the webhook (one event, one webhook-id) and sends exactly one email.
/// </summary>
public class NotificationRestartTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "postergen-tests", $"notify-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Killed_as_its_job_completes_with_the_receivers_down_a_restart_delivers_the_webhook_and_one_email()
    {
        var secret = NotificationSettings.NewSecret();
        var (hookPort, smtpPort) = (NotificationSettings.FreePort(), NotificationSettings.FreePort());
        var settings = NotificationSettings.For(secret, smtpPort).ToDictionary(s => s.Key, s => s.Value!);
        settings["ConnectionStrings:Database"] = $"Data Source={Path.Combine(folder, "postergen.db")}";
        settings["Storage:Local:Path"] = Path.Combine(folder, "posters");
        settings["Logging:LogLevel:Default"] = "Warning";

        Guid jobId;
        await using (var first = await ServiceProcess.StartAsync("notify", settings))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            var template = await client.UploadTemplateAsync("restart", "<p>{{n}}</p>", 120, 60);
            var response = await client.PostJsonAsync("/api/generate-batch", new
            {
                template_id = template,
                items = new[] { new { n = "a" }, new { n = "b" } },
                webhook_url = $"http://127.0.0.1:{hookPort}/hooks",
                notify_email = "ops@example.com",
            });
            Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
            jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
            await client.WaitForJobAsync($"/api/jobs/{jobId}");
            first.KillHard();
        }

        await using var receiver = await WebhookReceiver.StartAsync(secret, hookPort);
        using var mail = MailSink.Start(smtpPort);
        await using var second = await ServiceProcess.StartAsync("notify-again", settings);

        await Eventually.HoldsAsync(async () => await CountAsync("SELECT count(*) FROM webhook_events WHERE status = 'delivered'") == 1
            && await CountAsync("SELECT count(*) FROM email_deliveries WHERE status = 'delivered'") == 1,
            TimeSpan.FromSeconds(120), () => second.Log);

        Assert.That(receiver.Received, Has.Count.EqualTo(1), "the one attempt after the restart was answered 200");
        Assert.That(receiver.Received[0].Verified, Is.True);
        Assert.That(receiver.Received[0].Body, Does.Contain(jobId.ToString()));
        Assert.That(mail.Messages, Has.Count.EqualTo(1), "exactly one email");
        Assert.That(mail.Messages[0].TextBody, Does.Contain(jobId.ToString()));
        Assert.That(await CountAsync("SELECT count(*) FROM webhook_events"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM webhook_deliveries WHERE status_code = 200"), Is.EqualTo(1));
    }

    private Task<long> CountAsync(string sql) => SqliteFile.ScalarAsync(Path.Combine(folder, "postergen.db"), sql);
}
