using System.Text.Json;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// The two endings a job reaches without rendering everything, each told once by webhook and once
/// by email: a cancel (<c>job.cancelled</c>, its cancelled count) and a deadline (<c>job.failed</c>,
/// its reason). The service runs without a render role, so no item renders and both endings are certain.
/// </summary>
public class JobEndNotificationTests
{
    private const string Recipient = "ops@example.com";
    private const int Items = 5;
    private static readonly string Secret = NotificationSettings.NewSecret();

    [Test]
    public async Task A_cancelled_job_sends_one_job_cancelled_webhook_and_one_email()
    {
        await using var service = await ServiceAsync();
        var jobId = await service.SubmitAsync(new { });

        var cancel = await service.Client.PostAsync($"/api/jobs/{jobId}/cancel", null);
        Assert.That((int)cancel.StatusCode, Is.EqualTo(202), await cancel.Content.ReadAsStringAsync());

        var (data, email) = await service.NotifiedAsync("job.cancelled");
        Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(data.GetProperty("cancelled_count").GetInt32(), Is.EqualTo(Items));
        Assert.That(data.GetProperty("success_count").GetInt32(), Is.Zero);
        Assert.That(email.Subject, Is.EqualTo($"PosterGen job cancelled: 0 of {Items} posters rendered"));
        Assert.That(email.TextBody, Does.Contain($"Job {jobId}").And.Contain("is cancelled"));
    }

    [Test]
    public async Task A_job_past_its_deadline_sends_one_job_failed_webhook_and_one_email_with_the_reason()
    {
        await using var service = await ServiceAsync();
        var jobId = await service.SubmitAsync(new { deadline_seconds = 1 });

        var (data, email) = await service.NotifiedAsync("job.failed");
        Assert.That(data.GetProperty("job_id").GetGuid(), Is.EqualTo(jobId));
        Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(data.GetProperty("failure_count").GetInt32(), Is.EqualTo(Items));
        Assert.That(email.Subject, Is.EqualTo($"PosterGen job failed: 0 of {Items} posters rendered"));
        Assert.That(email.TextBody, Does.Contain($"Reason: ").And.Contain($"{Items} of {Items} items unfinished"));
    }


    private static async Task<Service> ServiceAsync()
    {
        var mailPort = NotificationSettings.FreePort();
        var settings = NotificationSettings.For(Secret, mailPort);
        settings["PosterGen:Roles"] = "api,saga";
        settings["Jobs:DeadlineSweepSeconds"] = "1";
        var mail = MailSink.Start(mailPort);
        var receiver = await WebhookReceiver.StartAsync(Secret);
        var factory = new PosterGenFactory(settings);
        var client = factory.CreateClient();
        var template = await client.UploadTemplateAsync("ending", "<p>{{n}}</p>", 120, 60);
        return new Service(factory, client, mail, receiver, template);
    }

    private sealed record Service(PosterGenFactory Factory, HttpClient Client, MailSink Mail, WebhookReceiver Receiver, string Template)
        : IAsyncDisposable
    {
        public async Task<Guid> SubmitAsync(object options)
        {
            var response = await Client.PostJsonAsync("/api/generate-batch", new
            {
                template_id = Template,
                options,
                items = Enumerable.Range(0, Items).Select(i => new { n = $"{i}" }),
                webhook_url = Receiver.Url,
                notify_email = Recipient,
            });
            Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
            return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        }

        /// <summary>The webhook's data and the email, once each arrived and both are marked sent; asserts there is one of each.</summary>
        public async Task<(JsonElement Data, MimeKit.MimeMessage Email)> NotifiedAsync(string eventType)
        {
            var database = Path.Combine(Factory.Directory, "postergen.db");
            await Eventually.HoldsAsync(async () =>
                    await SqliteFile.ScalarAsync(database, "SELECT count(*) FROM email_deliveries WHERE status = 'delivered'") == 1
                    && await SqliteFile.ScalarAsync(database, "SELECT count(*) FROM webhook_events WHERE status = 'delivered'") == 1,
                TimeSpan.FromSeconds(60), () => $"{Mail.Messages.Count} emails, {Receiver.Received.Count} webhooks");

            Assert.That(Receiver.Received, Has.Count.EqualTo(1), "one webhook");
            Assert.That(Mail.Messages, Has.Count.EqualTo(1), "one email");
            var webhook = Receiver.Received[0];
            Assert.That(webhook.Verified, Is.True);
            var body = JsonDocument.Parse(webhook.Body).RootElement;
            Assert.That(body.GetProperty("type").GetString(), Is.EqualTo(eventType));
            var data = body.GetProperty("data");
            Assert.That(data.GetProperty("total_count").GetInt32(), Is.EqualTo(Items));
            return (data.Clone(), Mail.Messages[0]);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Factory.Dispose();
            await Receiver.DisposeAsync();
            Mail.Dispose();
        }
    }
}
