using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosterGen.Persistence;
using PosterGen.Persistence.Notifications;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// Webhooks:AllowPrivateNetworks off (the default): a webhook_url that is not http(s), or whose host
/// is or resolves to loopback, link-local or a private range, is refused with 400 naming it on every
/// route that takes one, and nothing is queued; and a delivery that reaches such an address anyway
/// (a name rebound after the check) is refused when it connects. No render role: nothing renders here.
/// </summary>
public class WebhookAddressTests() : EmbeddedServiceFixture(Settings())
{
    private static readonly string Secret = NotificationSettings.NewSecret();

    private static Dictionary<string, string?> Settings()
    {
        var settings = NotificationSettings.For(Secret, NotificationSettings.FreePort(), allowPrivateNetworks: false);
        settings["PosterGen:Roles"] = "api,saga";
        return settings;
    }

    private string template = null!;

    [OneTimeSetUp]
    public async Task UploadTemplate() => template = await Client.UploadTemplateAsync("ssrf", "<p>{{n}}</p>", 120, 60);

    [TestCase("http://127.0.0.1:9/hooks")]
    [TestCase("http://localhost:9/hooks")]
    [TestCase("http://[::1]:9/hooks")]
    [TestCase("http://10.1.2.3/hooks")]
    [TestCase("http://192.168.0.10/hooks")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("ftp://example.com/hooks")]
    [TestCase("not a url")]
    public async Task A_webhook_url_PosterGen_must_not_call_is_refused_naming_it_on_every_route(string url)
    {
        foreach (var (route, content) in Requests(url))
        {
            var response = await Client.PostAsync(route, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(400), $"{route}: {body}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("webhook_url", out _), Is.True, $"{route}: {body}");
        }
        var jobs = await (await Client.GetAsync("/api/jobs")).ReadJsonAsync();
        Assert.That(jobs.ToString(), Does.Not.Contain("\"job_id\""), "nothing was queued");
    }

    [Test]
    public async Task A_notify_email_that_is_not_one_address_is_refused_naming_it()
    {
        var response = await Client.PostJsonAsync("/api/generate-batch", new { template_id = template, items = new[] { new { n = "a" } }, notify_email = "ops at example" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("notify_email", out _), Is.True, body);
    }

    [Test]
    public async Task The_synchronous_route_makes_no_job_so_it_refuses_notification_targets_naming_them()
    {
        var response = await Client.PostJsonAsync("/api/generate", new
        {
            template_id = template, custom_data = new { n = "a" }, webhook_url = "https://93.184.216.34/hooks", notify_email = "ops@example.com",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(400), body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.That(errors.GetProperty("webhook_url")[0].GetString(), Does.Contain("/api/generate-async"), body);
        Assert.That(errors.TryGetProperty("notify_email", out _), Is.True, body);
    }

    [Test]
    public async Task A_delivery_that_reaches_a_loopback_address_is_refused_at_connect_and_never_arrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<PosterGenDbContext>>();
        var webhook = new WebhookEvent
        {
            Id = Guid.NewGuid(), Tenant = "default", JobId = Guid.NewGuid(), EventType = "job.completed", Url = receiver.Url.ToString(),
            Payload = "{}", Status = DeliveryStatus.Pending, MaxAttempts = 1, NextAttemptAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow,
        };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.WebhookEvents.Add(webhook);
            await db.SaveChangesAsync();
        }

        WebhookDelivery? attempt = null;
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            attempt = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.EventId == webhook.Id);
            return attempt is not null;
        }, TimeSpan.FromSeconds(30));
        Assert.That(attempt!.StatusCode, Is.Null);
        Assert.That(attempt.Error, Does.Contain("not a public address"));
        Assert.That(receiver.Received, Is.Empty);
    }

    private IEnumerable<(string Route, HttpContent Content)> Requests(string url)
    {
        var quoted = JsonSerializer.Serialize(url);
        yield return ("/api/generate-async", Json($$"""{"template_id": "{{template}}", "custom_data": {"n": "a"}, "webhook_url": {{quoted}}}"""));
        yield return ("/api/templates/generate", Json($$"""{"template_id": "{{template}}", "custom_data": {"n": "a"}, "webhook_url": {{quoted}}}"""));
        yield return ("/api/generate-batch", Json($$"""{"template_id": "{{template}}", "items": [{"n": "a"}], "webhook_url": {{quoted}}}"""));
        yield return ("/api/generate-bulk", Json($$$"""
            {"bulkMethod": "csv", "csvData": [{"n": "a"}], "csvTemplate": "<p>{{n}}</p>", "csvColumns": ["n"], "size": "instagram-square", "webhook_url": {{{quoted}}}}
            """));
        yield return ("/api/generate-batch/csv", new MultipartFormDataContent
        {
            { new StringContent(template), "template_id" },
            { new StringContent(url), "webhook_url" },
            { new ByteArrayContent("n\na\n"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "rows.csv" },
        });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
