using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// <c>notify_email</c> on the embedded service with real Chromium and an SMTP server of the test's own:
/// one email per finished job, with its counts, duration and links, on every batch route; and one
/// only when the mark after the send fails.
/// </summary>
public class CompletionEmailTests
{
    private const string Recipient = "ops@example.com";

    [Test]
    public async Task One_email_per_finished_job_with_its_counts_duration_and_links_from_every_batch_route()
    {
        var port = NotificationSettings.FreePort();
        using var mail = MailSink.Start(port);
        using var factory = new PosterGenFactory(NotificationSettings.For(NotificationSettings.NewSecret(), port));
        using var client = factory.CreateClient();
        var template = await UploadAsync(client);

        var completed = await SubmitAsync(client, "/api/generate-batch", new
        {
            template_id = template, items = new[] { new { n = "a", asset = "logo.png" }, new { n = "b", asset = "logo.png" } }, notify_email = Recipient,
        });
        var withFailures = await SubmitAsync(client, "/api/generate-batch", new
        {
            template_id = template, items = new[] { new { n = "c", asset = "logo.png" }, new { n = "d", asset = "missing.png" } }, notify_email = Recipient,
        });
        // Seed 002's own camelCase, as its frontend sends it.
        using var bulkBody = new StringContent($$$"""
            {"bulkMethod": "csv", "csvData": [{"n": "e"}], "csvTemplate": "<p>{{n}}</p>", "csvColumns": ["n"], "size": "instagram-square", "notify_email": "{{{Recipient}}}"}
            """, System.Text.Encoding.UTF8, "application/json");
        var bulk = await SubmitAsync(client, "/api/generate-bulk", bulkBody);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(template), "template_id" },
            { new StringContent(Recipient), "notify_email" },
            { new ByteArrayContent("n,asset\nf,logo.png\n"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "rows.csv" },
        };
        var csv = await SubmitAsync(client, "/api/generate-batch/csv", form);
        Guid[] jobs = [completed, withFailures, bulk, csv];

        await Eventually.HoldsAsync(() => mail.Messages.Count >= jobs.Length, TimeSpan.FromSeconds(120), () => $"{mail.Messages.Count} emails");
        foreach (var job in jobs)
            await client.WaitForJobAsync($"/api/jobs/{job}");
        await Eventually.HoldsAsync(async () => await SentAsync(factory) == jobs.Length, TimeSpan.FromSeconds(30));
        var messages = mail.Messages;
        Assert.That(messages, Has.Count.EqualTo(jobs.Length), "one email per job, no more");
        Assert.That(messages.Select(m => m.To.Mailboxes.Single().Address), Is.All.EqualTo(Recipient));
        Assert.That(messages.Select(m => m.From.Mailboxes.Single().Address), Is.All.EqualTo("posters@example.com"));

        var first = About(messages, completed);
        Assert.That(first.Subject, Is.EqualTo("PosterGen job completed: 2 posters rendered"));
        Assert.That(first.TextBody, Does.Contain("Rendered:  2").And.Contain("Failed:    0").And.Contain("Duration:"));
        Assert.That(first.TextBody, Does.Contain($"/api/jobs/{completed}\n").Or.Contain($"/api/jobs/{completed}\r\n"));
        Assert.That(first.TextBody, Does.Contain($"/api/jobs/{completed}/archive").And.Contain($"/api/jobs/{completed}/pdf"));

        var failures = About(messages, withFailures);
        Assert.That(failures.Subject, Is.EqualTo("PosterGen job completed with failures: 1 of 2 posters rendered"));
        Assert.That(failures.TextBody, Does.Contain("Failed:    1"));
        Assert.That(About(messages, bulk).TextBody, Does.Contain("Rendered:  1"));
        Assert.That(About(messages, csv).TextBody, Does.Contain("Rendered:  1"));
    }

    [Test]
    public async Task A_mark_lost_after_the_server_took_the_email_is_retried_and_sends_no_second_email()
    {
        var port = NotificationSettings.FreePort();
        using var mail = MailSink.Start(port);
        var fault = new MarkSentFault();
        using var factory = new PosterGenFactory(NotificationSettings.For(NotificationSettings.NewSecret(), port));
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(fault))).CreateClient();
        var template = await UploadAsync(client);

        var job = await SubmitAsync(client, "/api/generate-batch", new
        {
            template_id = template, items = new[] { new { n = "a", asset = "logo.png" } }, notify_email = Recipient,
        });

        await Eventually.HoldsAsync(async () => await SentAsync(factory) == 1, TimeSpan.FromSeconds(120), () => $"{mail.Messages.Count} emails");
        Assert.That(fault.Hits, Is.GreaterThanOrEqualTo(2), "the first mark failed and a second one succeeded");
        Assert.That(mail.Messages, Has.Count.EqualTo(1), "the lost mark did not send the email again");
        Assert.That(mail.Messages[0].TextBody, Does.Contain(job.ToString()));
        Assert.That(await SqliteFile.ScalarAsync(Path.Combine(factory.Directory, "postergen.db"),
            "SELECT attempts FROM email_deliveries"), Is.EqualTo(1));
    }

    private static async Task<string> UploadAsync(HttpClient client)
    {
        var template = await client.UploadTemplateAsync("mail", """
            <html><body style="margin:0"><img src="https://assets.postergen.invalid/{{asset}}" style="width:20px"><p>{{n}}</p></body></html>
            """, 120, 60);
        var logo = new ByteArrayContent(Png.Solid(2, 2, 0, 0, 200));
        logo.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.That((int)(await client.PutAsync($"/api/templates/{template}/assets/logo.png", logo)).StatusCode, Is.EqualTo(201));
        return template;
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string route, object body)
    {
        var response = body is HttpContent content ? await client.PostAsync(route, content) : await client.PostJsonAsync(route, body);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
    }

    private static Task<long> SentAsync(PosterGenFactory factory) =>
        SqliteFile.ScalarAsync(Path.Combine(factory.Directory, "postergen.db"), "SELECT count(*) FROM email_deliveries WHERE status = 'delivered'");

    private static MimeMessage About(IEnumerable<MimeMessage> messages, Guid job) => messages.Single(m => m.TextBody?.Contains(job.ToString()) == true);
}
