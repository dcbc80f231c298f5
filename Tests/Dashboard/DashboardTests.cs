using PosterGen.Tests.Api;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Dashboard;

/// <summary>
/// The dashboard at <c>/</c> in real Chromium against the embedded service on a real port, one
/// page at a time so a batch of the realistic poster takes long enough to be watched.
/// </summary>
public class DashboardTests() : ListeningServiceFixture(new Dictionary<string, string?>
{
    ["Render:Concurrency"] = "1",
    ["Render:Browsers"] = "1",
    // Allowed, yet on loopback: the renderer refuses it when it meets it, so the item fails with a reason.
    ["Render:Images:AllowedHosts:0"] = "localhost",
})
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private DashboardBrowser browser = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task OpenDashboard()
    {
        template = await Client.UploadTemplateAsync("dash-offer", Fixtures.PosterHtml);
        browser = await DashboardBrowser.OpenAsync(BaseAddress);
    }

    [OneTimeTearDown]
    public async Task CloseDashboard() => await browser.DisposeAsync();

    [Test]
    public async Task The_dashboard_and_its_files_are_served_at_the_root_with_a_content_security_policy()
    {
        var page = await Client.GetAsync("/");
        var script = await Client.GetAsync("/app.js");

        Assert.That((int)page.StatusCode, Is.EqualTo(200));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<script type=\"module\" src=\"app.js\">"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That((int)script.StatusCode, Is.EqualTo(200));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
    }

    [Test]
    public async Task A_running_batch_shows_progress_rising_with_a_rate_and_eta_and_reaches_completed()
    {
        var jobId = await SubmitAsync(Enumerable.Range(0, 60).Select(i => (object)Fixtures.PosterData(i)));
        await browser.ShowAsync($"#/job/{jobId}");

        var values = new List<double>();
        var etas = new List<string>();
        var midwayShot = false;
        await Eventually.HoldsAsync(async () =>
        {
            values.Add(await browser.EvaluateAsync<double>("document.getElementById('job-progress')?.value ?? -1"));
            etas.Add(await browser.TextAsync("#job-eta"));
            if (!midwayShot && values[^1] is > 20 and < 80)
                midwayShot = await browser.ScreenshotAsync("dashboard.png") is not null;
            return await browser.StatusAsync("#job-status") == "completed";
        }, Patience, browser.Explain);

        var shown = values.Where(v => v >= 0).ToList();
        Assert.That(shown, Is.Ordered, "progress never goes back");
        Assert.That(shown.Distinct().Count(v => v is > 0 and < 100), Is.GreaterThanOrEqualTo(2), $"seen rising: {string.Join(", ", shown.Distinct())}");
        Assert.That(shown[^1], Is.EqualTo(100));
        Assert.That(etas, Has.Some.Matches("posters/s · about .+ left"), "a rate and an ETA were measured on the way");
        Assert.That(await browser.TextAsync("#job-counts"), Does.StartWith("60 of 60 · 60 rendered, 0 failed"));
        Assert.That(await browser.EvaluateAsync<int>("document.querySelectorAll('#posters img').length"), Is.EqualTo(24), "a page of thumbnails");
        await Eventually.HoldsAsync(() => browser.EvaluateAsync<bool>("[...document.querySelectorAll('#posters img')].every(i => i.complete && i.naturalWidth === 1080)"),
            Patience, browser.Explain);

        await browser.ShowAsync("#/jobs");
        var row = $"tr[data-job-id='{jobId}']";
        await Eventually.HoldsAsync(async () => await browser.StatusAsync(row) == "completed", Patience, browser.Explain);
        Assert.That(await browser.TextAsync($"{row} .percent"), Is.EqualTo("100%"));
        await browser.ScreenshotAsync("dashboard-jobs.png");
        Assert.That(browser.ScriptErrors, Is.Empty);
    }

    [Test]
    public async Task A_cancel_clicked_on_the_job_page_cancels_the_job()
    {
        var jobId = await SubmitAsync(Enumerable.Range(0, 400).Select(i => (object)Fixtures.PosterData(i)));
        await browser.ShowAsync($"#/job/{jobId}");
        await Eventually.HoldsAsync(async () => await browser.StatusAsync("#job-status") == "processing", Patience, browser.Explain);

        await browser.ClickAsync("#cancel-job");

        await Eventually.HoldsAsync(async () => (await Client.JobStatusAsync($"/api/jobs/{jobId}")).GetProperty("status").GetString() == "cancelled",
            Patience, browser.Explain);
        var status = await Client.JobStatusAsync($"/api/jobs/{jobId}");
        Assert.That(status.GetProperty("cancelled_count").GetInt32(), Is.GreaterThan(0));
        await Eventually.HoldsAsync(async () => await browser.StatusAsync("#job-status") == "cancelled", Patience, browser.Explain);
        Assert.That(await browser.EvaluateAsync<bool>("document.getElementById('cancel-job').disabled"), Is.True, "an ended job cannot be cancelled again");
    }

    [Test]
    public async Task Failed_items_show_their_reasons_the_status_filter_finds_the_job_and_retry_failed_starts_a_linked_job()
    {
        var items = Enumerable.Range(0, 6).Select(i =>
        {
            var item = Fixtures.PosterData(i);
            if (i is 1 or 4) item["IMAGE"] = $"https://localhost:1/badge-{i}.png";
            return (object)item;
        });
        var jobId = await SubmitAsync(items);
        await browser.ShowAsync($"#/job/{jobId}");
        await Eventually.HoldsAsync(async () => await browser.StatusAsync("#job-status") == "completed_with_failures", Patience, browser.Explain);

        var failed = await browser.EvaluateAsync<string[][]>(
            "[...document.querySelectorAll('#failed-items tbody tr')].map(r => [r.dataset.itemIndex, r.querySelector('.reason').textContent])");
        Assert.That(failed.Select(f => f[0]), Is.EqualTo(new[] { "1", "4" }));
        Assert.That(failed.Select(f => f[1]), Has.All.Contain("localhost").And.All.Contain("not a public address"));

        await browser.ShowAsync("#/jobs?status=completed_with_failures");
        await Eventually.HoldsAsync(async () => await browser.StatusAsync($"tr[data-job-id='{jobId}']") == "completed_with_failures", Patience, browser.Explain);
        var listed = await browser.EvaluateAsync<string[]>("[...document.querySelectorAll('#jobs tbody [data-status]')].map(s => s.dataset.status)");
        Assert.That(listed, Has.All.EqualTo("completed_with_failures"), "the filter shows no other status");

        await browser.ShowAsync($"#/job/{jobId}");
        await Eventually.HoldsAsync(() => browser.EvaluateAsync<bool>("document.getElementById('retry-failed')?.disabled === false"), Patience, browser.Explain);
        await browser.ClickAsync("#retry-failed");
        await Eventually.HoldsAsync(async () => await browser.EvaluateAsync<string>("location.hash") != $"#/job/{jobId}", Patience, browser.Explain);
        var retryId = (await browser.EvaluateAsync<string>("location.hash"))["#/job/".Length..];
        // Until the saga has seen the new job, its status is "pending" and names no links.
        await Eventually.HoldsAsync(async () => (await Client.JobStatusAsync($"/api/jobs/{retryId}")).GetProperty("retry_of").GetString() == jobId.ToString(),
            Patience, browser.Explain);
        Assert.That((await Client.JobStatusAsync($"/api/jobs/{retryId}")).GetProperty("total_items").GetInt32(), Is.EqualTo(2));
    }

    private async Task<Guid> SubmitAsync(IEnumerable<object> items)
    {
        var response = await Client.PostJsonAsync("/api/generate-batch", new { template_id = template, items });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
    }
}
