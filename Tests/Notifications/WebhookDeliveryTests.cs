using System.Text.Json;
using System.Text.RegularExpressions;
using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Notifications;

/// <summary>
/// Job webhooks end to end on the embedded service with real Chromium: a receiver of the test's own
/// answers 500 first and gets the retry with the same webhook-id, each signature accepted by the
/// Standard Webhooks verifier; every attempt is listed, a redeliver sends the event again, a
/// redirect is a failed attempt and is not followed, and /metrics counts the attempts.
/// </summary>
public abstract partial class WebhookDeliveryTests(IDictionary<string, string?>? database = null)
    : EmbeddedServiceFixture(Settings(database))
{
    private static readonly string Secret = NotificationSettings.NewSecret();
    private string template = null!;

    private static Dictionary<string, string?> Settings(IDictionary<string, string?>? database)
    {
        var settings = NotificationSettings.For(Secret, smtpPort: NotificationSettings.FreePort());
        foreach (var (key, value) in database ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    [OneTimeSetUp]
    public async Task UploadTemplate() =>
        template = await Client.UploadTemplateAsync("hooks", "<p style=\"font:16px DejaVu Sans\">{{n}}</p>", 120, 60);

    [Test]
    public async Task A_receiver_answering_500_first_gets_the_retry_with_the_same_webhook_id_and_a_verifiable_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, 0, 500);
        var jobId = await SubmitAsync(receiver.Url, new { campaign = "spring" });

        await Eventually.HoldsAsync(() => receiver.Received.Count >= 2, TimeSpan.FromSeconds(90), () => $"{receiver.Received.Count} received");
        var (first, retry) = (receiver.Received[0], receiver.Received[1]);
        Assert.That(first.Answer, Is.EqualTo(500));
        Assert.That(retry.Answer, Is.EqualTo(200));
        Assert.That(retry.Id, Is.EqualTo(first.Id), "one event, one webhook-id on every attempt");
        Assert.That(first.Verified && retry.Verified, Is.True, "the Standard Webhooks verifier accepts both signatures");
        Assert.That(first.Signature, Does.StartWith("v1,"));
        Assert.That(long.Parse(retry.Timestamp) - long.Parse(first.Timestamp), Is.InRange(0, 10), "the first retry comes within 10 s");
        Assert.That(retry.Body, Is.EqualTo(first.Body), "every attempt sends the same body");

        var body = JsonDocument.Parse(retry.Body).RootElement;
        Assert.That(body.GetProperty("type").GetString(), Is.EqualTo("job.completed"));
        Assert.That(DateTimeOffset.TryParse(body.GetProperty("timestamp").GetString(), out _), Is.True);
        var data = body.GetProperty("data");
        Assert.That(data.GetProperty("job_id").GetGuid(), Is.EqualTo(jobId));
        Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(data.GetProperty("total_count").GetInt32(), Is.EqualTo(2));
        Assert.That(data.GetProperty("success_count").GetInt32(), Is.EqualTo(2));
        Assert.That(data.GetProperty("failure_count").GetInt32(), Is.Zero);
        Assert.That(data.GetProperty("cancelled_count").GetInt32(), Is.Zero);
        Assert.That(data.GetProperty("status_url").GetString(), Does.EndWith($"/api/jobs/{jobId}"));
        Assert.That(data.GetProperty("archive_url").GetString(), Does.EndWith($"/api/jobs/{jobId}/archive"));
        Assert.That(data.GetProperty("metadata").GetProperty("campaign").GetString(), Is.EqualTo("spring"));

        var listed = await DeliveredAsync(jobId, attempts: 2);
        var deliveries = listed.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.That(deliveries.Select(d => d.GetProperty("attempt").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(deliveries.Select(d => d.GetProperty("status_code").GetInt32()), Is.EqualTo(new[] { 500, 200 }));
        Assert.That(deliveries.Select(d => d.GetProperty("webhook_id").GetString()), Is.All.EqualTo(first.Id));
        Assert.That(deliveries[0].GetProperty("error").GetString(), Does.Contain("500"));
        Assert.That(deliveries[0].GetProperty("next_attempt_at").ValueKind, Is.EqualTo(JsonValueKind.String), "the failed attempt names the next");
        Assert.That(deliveries[1].GetProperty("next_attempt_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(deliveries.Select(d => d.GetProperty("event").GetString()), Is.All.EqualTo("job.completed"));

        var metrics = await Client.GetStringAsync("/metrics");
        Assert.That(Sample(metrics, "retrying"), Is.GreaterThanOrEqualTo(1), metrics);
        Assert.That(Sample(metrics, "delivered"), Is.GreaterThanOrEqualTo(1), metrics);
    }

    [Test]
    public async Task Redeliver_sends_the_event_again_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var jobId = await SubmitAsync(receiver.Url, metadata: null);
        var listed = await DeliveredAsync(jobId, attempts: 1);
        var delivery = listed.GetProperty("deliveries")[0];
        Assert.That(JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("data").GetProperty("metadata").ValueKind,
            Is.EqualTo(JsonValueKind.Null), "a job without metadata sends null");

        var redeliver = await Client.PostAsync($"/api/jobs/{jobId}/webhooks/{delivery.GetProperty("delivery_id").GetGuid()}/redeliver", null);
        Assert.That((int)redeliver.StatusCode, Is.EqualTo(202), await redeliver.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(() => receiver.Received.Count == 2, TimeSpan.FromSeconds(30));
        Assert.That(receiver.Received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(receiver.Received.All(r => r.Verified), Is.True);
        await DeliveredAsync(jobId, attempts: 2);

        var unknown = await Client.PostAsync($"/api/jobs/{jobId}/webhooks/{Guid.NewGuid()}/redeliver", null);
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        Assert.That((int)(await Client.GetAsync($"/api/jobs/{Guid.NewGuid()}/webhooks")).StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_redirect_is_a_failed_attempt_and_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, 0, 307);
        var jobId = await SubmitAsync(receiver.Url, metadata: null);

        var listed = await DeliveredAsync(jobId, attempts: 2);
        var first = listed.GetProperty("deliveries")[0];
        Assert.That(first.GetProperty("status_code").GetInt32(), Is.EqualTo(307));
        Assert.That(first.GetProperty("error").GetString(), Does.Contain("redirects are not followed"));
        Assert.That(receiver.RedirectsFollowed, Is.Zero, "the redirect's target was never called");
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
    }

    private async Task<Guid> SubmitAsync(Uri webhook, object? metadata)
    {
        var response = await Client.PostJsonAsync("/api/generate-batch", new
        {
            template_id = template,
            items = new[] { new { n = "a" }, new { n = "b" } },
            metadata,
            webhook_url = webhook.ToString(),
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
    }

    /// <summary>The job's webhooks once its one event is delivered after <paramref name="attempts"/> attempts.</summary>
    private async Task<JsonElement> DeliveredAsync(Guid jobId, int attempts)
    {
        JsonElement listed = default;
        await Eventually.HoldsAsync(async () =>
        {
            listed = await (await Client.GetAsync($"/api/jobs/{jobId}/webhooks")).ReadJsonAsync();
            return listed.TryGetProperty("events", out var events) && events.GetArrayLength() == 1
                && events[0].GetProperty("status").GetString() == "delivered" && events[0].GetProperty("attempt_count").GetInt32() == attempts;
        }, TimeSpan.FromSeconds(90), () => listed.ToString());
        Assert.That(listed.GetProperty("deliveries").GetArrayLength(), Is.EqualTo(attempts), listed.ToString());
        return listed;
    }

    private static double Sample(string metrics, string outcome)
    {
        var match = DeliveriesSample().Matches(metrics).FirstOrDefault(m => m.Groups["labels"].Value.Contains($"outcome=\"{outcome}\""));
        return match is null ? 0 : double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^postergen_webhook_deliveries_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex DeliveriesSample();
}

public class WebhookDeliveryOnSqliteTests() : WebhookDeliveryTests();

/// <summary>The same on PostgreSQL: the claim and the conditional record as that provider runs them.</summary>
public class WebhookDeliveryOnPostgresTests() : WebhookDeliveryTests(Distributed.PostgresDatabase.Settings());
