using System.Net.Http.Headers;
using PosterGen.Tests.Api;
using PosterGen.Tests.Auth;
using PosterGen.Tests.Support;

namespace PosterGen.Tests.Dashboard;

/// <summary>
/// The dashboard of a service that requires API keys: the page itself is public, its data needs the
/// key the operator types in, which is kept in session storage and only ever sent as a header.
/// </summary>
public class DashboardWithKeysTests() : ListeningServiceFixture(new Dictionary<string, string?> { ["Auth:Required"] = "true" })
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private DashboardBrowser browser = null!;
    private string key = null!;
    private string template = null!;

    [OneTimeSetUp]
    public async Task CreateKeyAndOpenDashboard()
    {
        key = await KeysCommand.CreateAsync(Path.Combine(Factory.Directory, "postergen.db"), "operator");
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        template = await Client.UploadTemplateAsync("dash-keyed", Fixtures.PosterHtml);
        browser = await DashboardBrowser.OpenAsync(BaseAddress);
    }

    [OneTimeTearDown]
    public async Task CloseDashboard() => await browser.DisposeAsync();

    [Test]
    public async Task With_the_key_entered_the_page_follows_a_job_to_its_end_and_no_request_url_holds_the_key()
    {
        await browser.EvaluateAsync<object>("sessionStorage.clear(), location.hash = '#/jobs'");
        await browser.Page.ReloadAsync();
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        Assert.That((int)(await anonymous.GetAsync("/")).StatusCode, Is.EqualTo(200), "the page is public");
        Assert.That((int)(await anonymous.GetAsync("/api/jobs")).StatusCode, Is.EqualTo(401), "its data is not");
        await Eventually.HoldsAsync(() => browser.EvaluateAsync<bool>("document.querySelector('[data-problem-status=\"401\"]') !== null"),
            Patience, browser.Explain);
        Assert.That(await browser.TextAsync(".problem"), Does.Contain("needs an API key"));

        await browser.Page.TypeAsync("#api-key", key);
        await browser.ClickAsync("#key-form button[type=submit]");
        var response = await Client.PostJsonAsync("/api/generate-batch",
            new { template_id = template, items = Enumerable.Range(0, 12).Select(Fixtures.PosterData) });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        var jobId = (await response.ReadJsonAsync()).GetProperty("job_id").GetGuid();
        await Eventually.HoldsAsync(async () => await browser.StatusAsync($"tr[data-job-id='{jobId}']") != "", Patience, browser.Explain);

        await browser.ClickAsync($"tr[data-job-id='{jobId}'] a");
        await Eventually.HoldsAsync(async () => await browser.StatusAsync("#job-status") == "completed", Patience, browser.Explain);
        await browser.ClickAsync("#download-zip");
        await Eventually.HoldsAsync(async () => await browser.TextAsync("#action-message") == "Downloaded.", Patience, browser.Explain);

        Assert.That(await browser.EvaluateAsync<string>("sessionStorage.getItem('postergen.api_key')"), Is.EqualTo(key));
        var requests = browser.Requests.ToList();
        Assert.That(requests.Select(r => r.Url), Has.None.Contains(key), "the key is never in a URL");
        var stream = requests.Where(r => r.Url.EndsWith($"/api/jobs/{jobId}/stream")).ToList();
        Assert.That(stream, Is.Not.Empty, "the page read the job's event stream");
        Assert.That(stream.Concat(requests.Where(r => r.Url.Contains("/archive"))).Select(r => r.Headers.GetValueOrDefault("Authorization")),
            Has.All.EqualTo($"Bearer {key}"));
        Assert.That(browser.ScriptErrors, Is.Empty);
    }

    [Test]
    public async Task The_template_page_shows_its_versions_and_the_preview_fetched_with_the_key()
    {
        await browser.EvaluateAsync<object>($"sessionStorage.setItem('postergen.api_key', '{key}')");
        await browser.ShowAsync($"#/template/{template}");

        await Eventually.HoldsAsync(() => browser.EvaluateAsync<bool>(
            "(i => i !== null && i.complete && i.naturalWidth === 1080)(document.getElementById('template-preview'))"), Patience, browser.Explain);
        Assert.That(await browser.EvaluateAsync<string[]>("[...document.querySelectorAll('#template-versions tbody tr')].map(r => r.dataset.version)"),
            Is.EqualTo(new[] { "1" }));
        Assert.That(await browser.EvaluateAsync<string>("document.getElementById('template-preview').src"), Does.StartWith("blob:"));
    }
}
